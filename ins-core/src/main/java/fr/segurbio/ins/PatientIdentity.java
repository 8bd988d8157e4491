package fr.segurbio.ins;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.segurbio.core.ValidationResult;

/**
 * A patient's identity as the lab records it: traits, the INS when known, the two facts the RNIV status derives
 * from (retrieved via INSi; checked on a {@link HighTrustDocument}, whose type is recorded), the attributes and
 * the local identifier (IPP). Immutable and valid by construction: an identity retrieved via INSi carries its
 * INS, and incompatible attributes are refused.
 *
 * <p>Only a {@link IdentityStatus#QUALIFIEE qualified} identity may carry its INS in an exchange (CR-BIO, DMP,
 * MSSanté, Datamatrix): {@link #canBeShared()} says so and {@link #requireShareable()} enforces it. A doubtful
 * or fictitious identity stays provisional and may not be sent to INSi ({@link #mayCallInsi()}).
 *
 * <pre>{@code
 * PatientIdentity id = PatientIdentity.builder()
 *         .traits(traits)
 *         .ins(Ins.of("275126322074974", "1.2.250.1.213.1.4.8"))
 *         .retrievedFromInsi(true)
 *         .checkedOn(HighTrustDocument.CARTE_NATIONALE_IDENTITE)
 *         .localIdentifier(LocalIdentifier.of("IPP-000123", "1.2.250.1.71.4.2.7.1"))
 *         .build();
 * id.status();         // QUALIFIEE
 * id.canBeShared();    // true
 * }</pre>
 */
public final class PatientIdentity {

    private final IdentityTraits traits;
    private final Ins ins;
    private final boolean retrievedFromInsi;
    private final HighTrustDocument document;
    private final Set<IdentityAttribute> attributes;
    private final LocalIdentifier localIdentifier;
    private final IdentityStatus status;

    private PatientIdentity(Builder b) {
        this.traits = b.traits;
        this.ins = b.ins;
        this.retrievedFromInsi = b.retrievedFromInsi;
        this.document = b.document;
        this.attributes = b.attributes.isEmpty() ? Set.of() : Set.copyOf(b.attributes);
        this.localIdentifier = b.localIdentifier;
        this.status = IdentityStatus.derive(retrievedFromInsi, document != null, attributes);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this identity, to derive another one.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.traits = traits;
        b.ins = ins;
        b.retrievedFromInsi = retrievedFromInsi;
        b.document = document;
        b.attributes.addAll(attributes);
        b.localIdentifier = localIdentifier;
        return b;
    }

    /**
     * The identity after INSi returned one identity ({@code 00}): its INS and its traits (kept exactly as
     * received); the local used name and first name are kept.
     *
     * @param insiIns the INS INSi returned
     * @param insiTraits the traits INSi returned
     * @return the identity, {@link IdentityStatus#RECUPEREE} or {@link IdentityStatus#QUALIFIEE}
     * @throws InsException {@code INS-040} when the identity is doubtful or fictitious
     */
    public PatientIdentity withInsiIdentity(Ins insiIns, IdentityTraits insiTraits) {
        requireInsiAllowed();
        IdentityTraits merged = insiTraits.toBuilder()
                .usedName(traits.usedName().orElse(insiTraits.usedName().orElse(null)))
                .usedFirstName(traits.usedFirstName().orElse(insiTraits.usedFirstName().orElse(null)))
                .build();
        return toBuilder().traits(merged).ins(insiIns).retrievedFromInsi(true).build();
    }

    /**
     * The identity after its traits were checked on a high-trust document.
     *
     * @param checked the document type
     * @return the identity, {@link IdentityStatus#VALIDEE} or {@link IdentityStatus#QUALIFIEE}
     */
    public PatientIdentity withDocumentCheck(HighTrustDocument checked) {
        return toBuilder().checkedOn(Objects.requireNonNull(checked, "checked")).build();
    }

    /**
     * The identity when INSi no longer confirms it ({@code 01}, {@code 02} or diverging traits): the INS is
     * dropped and the status goes back to {@link IdentityStatus#PROVISOIRE} or {@link IdentityStatus#VALIDEE}.
     *
     * @return the downgraded identity
     */
    public PatientIdentity withoutInsi() {
        return toBuilder().ins(null).retrievedFromInsi(false).build();
    }

    /**
     * Throws when INSi may not be called for this identity.
     *
     * @throws InsException {@code INS-040} for a doubtful or fictitious identity
     */
    public void requireInsiAllowed() {
        if (!mayCallInsi()) {
            throw new InsException(InsError.INSI_FORBIDDEN, attributes.stream()
                    .filter(IdentityAttribute::forbidsInsi).map(Enum::name).sorted().toList());
        }
    }

    /**
     * Whether INSi may be called for this identity.
     *
     * @return {@code false} when the identity is doubtful or fictitious
     */
    public boolean mayCallInsi() {
        return attributes.stream().noneMatch(IdentityAttribute::forbidsInsi);
    }

    /**
     * Whether the INS may be used to share or exchange data: only for a qualified identity.
     *
     * @return {@code true} when the status is {@link IdentityStatus#QUALIFIEE}
     */
    public boolean canBeShared() {
        return status == IdentityStatus.QUALIFIEE && ins != null;
    }

    /**
     * The INS, for an exchange.
     *
     * @return the INS of this qualified identity
     * @throws InsException {@code INS-042} when the identity is not qualified
     */
    public Ins requireShareable() {
        if (!canBeShared()) {
            throw new InsException(InsError.NOT_QUALIFIED, status.name());
        }
        return ins;
    }

    /**
     * The traits.
     *
     * @return the traits
     */
    public IdentityTraits traits() {
        return traits;
    }

    /**
     * The INS, when known. Use {@link #requireShareable()} to put it in an exchange.
     *
     * @return the INS, if any
     */
    public Optional<Ins> ins() {
        return Optional.ofNullable(ins);
    }

    /**
     * Whether the identity was retrieved (or verified) via INSi.
     *
     * @return the first RNIV fact
     */
    public boolean isRetrievedFromInsi() {
        return retrievedFromInsi;
    }

    /**
     * The high-trust document the traits were checked on.
     *
     * @return the document type, if the identity was checked
     */
    public Optional<HighTrustDocument> checkedOn() {
        return Optional.ofNullable(document);
    }

    /**
     * The RNIV attributes.
     *
     * @return the attributes (immutable)
     */
    public Set<IdentityAttribute> attributes() {
        return attributes;
    }

    /**
     * The local identifier (IPP).
     *
     * @return the IPP and its authority, if recorded
     */
    public Optional<LocalIdentifier> localIdentifier() {
        return Optional.ofNullable(localIdentifier);
    }

    /**
     * The RNIV status, derived from the facts and the attributes.
     *
     * @return the status
     */
    public IdentityStatus status() {
        return status;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientIdentity p && traits.equals(p.traits) && Objects.equals(ins, p.ins)
                && retrievedFromInsi == p.retrievedFromInsi && document == p.document
                && attributes.equals(p.attributes) && Objects.equals(localIdentifier, p.localIdentifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(traits, ins, retrievedFromInsi, document, attributes, localIdentifier);
    }

    /**
     * Masked, for logs.
     *
     * @return the status, the masked INS and traits
     */
    @Override
    public String toString() {
        return "PatientIdentity[" + status + ", " + ins + ", " + traits + ", " + attributes + "]";
    }

    /** Collects the identity; {@link #build()} checks it. Not thread-safe. */
    public static final class Builder {
        private IdentityTraits traits;
        private Ins ins;
        private boolean retrievedFromInsi;
        private HighTrustDocument document;
        private final Set<IdentityAttribute> attributes = EnumSet.noneOf(IdentityAttribute.class);
        private LocalIdentifier localIdentifier;

        private Builder() {
        }

        /**
         * The traits (required).
         *
         * @param value the traits
         * @return this builder
         */
        public Builder traits(IdentityTraits value) {
            this.traits = value;
            return this;
        }

        /**
         * The INS.
         *
         * @param value the INS, or {@code null}
         * @return this builder
         */
        public Builder ins(Ins value) {
            this.ins = value;
            return this;
        }

        /**
         * Whether INSi returned (or verified) this identity; requires an INS.
         *
         * @param value the first RNIV fact
         * @return this builder
         */
        public Builder retrievedFromInsi(boolean value) {
            this.retrievedFromInsi = value;
            return this;
        }

        /**
         * The high-trust document the traits were checked on.
         *
         * @param value the document type, or {@code null} when not checked
         * @return this builder
         */
        public Builder checkedOn(HighTrustDocument value) {
            this.document = value;
            return this;
        }

        /**
         * Adds attributes.
         *
         * @param values the attributes
         * @return this builder
         */
        public Builder attributes(IdentityAttribute... values) {
            for (IdentityAttribute a : values) {
                attributes.add(Objects.requireNonNull(a, "attribute"));
            }
            return this;
        }

        /**
         * Replaces the attributes.
         *
         * @param values the attributes
         * @return this builder
         */
        public Builder attributes(Set<IdentityAttribute> values) {
            attributes.clear();
            attributes.addAll(values);
            return this;
        }

        /**
         * The local identifier (IPP).
         *
         * @param value the IPP, or {@code null}
         * @return this builder
         */
        public Builder localIdentifier(LocalIdentifier value) {
            this.localIdentifier = value;
            return this;
        }

        /**
         * Every problem of the identity collected so far.
         *
         * @return the problems; valid when {@link #build()} would succeed
         */
        public ValidationResult validate() {
            ValidationResult.Builder b = ValidationResult.builder();
            if (traits == null) {
                b.add(fr.segurbio.ins.internal.Messages.problem(InsError.TRAIT_EMPTY, "traits",
                        new fr.segurbio.ins.internal.Messages.Bilingual("traits d'identité", "identity traits")));
            }
            if (retrievedFromInsi && ins == null) {
                b.add(InsError.INS_MISSING, "ins");
            }
            if (attributes.contains(IdentityAttribute.FICTIVE) && attributes.size() > 1) {
                b.add(InsError.ATTRIBUTES, "attributes", attributes.stream().map(Enum::name).sorted().toList());
            }
            return b.build();
        }

        /**
         * The identity.
         *
         * @return the immutable identity
         * @throws InsException with every problem
         */
        public PatientIdentity build() {
            validate().orThrow(InsException::new);
            return new PatientIdentity(this);
        }
    }
}
