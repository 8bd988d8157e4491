package fr.segurbio.dmp.vihf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import fr.segurbio.dmp.DmpError;
import fr.segurbio.dmp.DmpException;

/**
 * What the VIHF says about the software and the structure, and the values the public specifications leave
 * open, with documented defaults: {@code VIHF_Version} {@value #DEFAULT_VERSION} (every public sample; the IG-PFI
 * table says 4.0), the attribute name {@value #DEFAULT_MODE_ATTRIBUTE} (IG and DRIMbox; generate-VIHF spells it
 * {@code Authentification_mode}), purpose of use {@code normal}, no {@code InclusiveNamespaces} in the
 * signature's c14n transform (the VIHF schema has none; the IG sample lists {@code ds saml #default xsi}).
 * Immutable.
 *
 * <pre>{@code
 * VihfSettings settings = VihfSettings.builder()
 *         .software("SGL-LABO", "4.2.0")                 // LPS_Nom, LPS_Version
 *         .softwareInstanceId("1.2.250.1.259.1.1.42")     // LPS_ID, optional
 *         .homologation("LAB-20240001-tmp1")             // LPS_ID_HOMOLOGATION_DMP, given by the CNAM
 *         .structureId("1750000000")                     // Identifiant_Structure (1 + FINESS)
 *         .sector("SA25")                                // Secteur_Activite (TRE_R02)
 *         .build();
 * }</pre>
 */
public final class VihfSettings {

    /** The default {@code VIHF_Version}. */
    public static final String DEFAULT_VERSION = "3.0";
    /** The default name of the access-mode attribute. */
    public static final String DEFAULT_MODE_ATTRIBUTE = "Authentification_Mode";

    private static final Pattern SECTOR = Pattern.compile("SA\\d{2}");

    private final String vihfVersion;
    private final String modeAttribute;
    private final String softwareName;
    private final String softwareVersion;
    private final Optional<String> softwareInstanceId;
    private final String homologation;
    private final String structureId;
    private final String sector;
    private final String purposeOfUse;
    private final List<String> inclusivePrefixes;
    private final Map<String, String> roleLabels;
    private final Optional<String> authnContextDecl;

    private VihfSettings(Builder b) {
        List<String> missing = new ArrayList<>();
        if (b.softwareName == null) {
            missing.add("software name (LPS_Nom)");
        }
        if (b.softwareVersion == null) {
            missing.add("software version (LPS_Version)");
        }
        if (b.homologation == null) {
            missing.add("homologation (LPS_ID_HOMOLOGATION_DMP)");
        }
        if (b.structureId == null) {
            missing.add("structure (Identifiant_Structure)");
        }
        if (b.sector == null) {
            missing.add("sector (Secteur_Activite)");
        }
        if (!missing.isEmpty()) {
            throw new DmpException(DmpError.VIHF_INCOMPLETE, String.join(", ", missing));
        }
        this.vihfVersion = b.vihfVersion;
        this.modeAttribute = b.modeAttribute;
        this.softwareName = b.softwareName;
        this.softwareVersion = b.softwareVersion;
        this.softwareInstanceId = Optional.ofNullable(b.softwareInstanceId);
        this.homologation = b.homologation;
        this.structureId = b.structureId;
        this.sector = b.sector;
        this.purposeOfUse = b.purposeOfUse;
        this.inclusivePrefixes = List.copyOf(b.inclusivePrefixes);
        this.roleLabels = Map.copyOf(b.roleLabels);
        this.authnContextDecl = Optional.ofNullable(b.authnContextDecl);
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return {@code VIHF_Version} */
    public String vihfVersion() {
        return vihfVersion;
    }

    /** @return the name of the access-mode attribute */
    public String modeAttribute() {
        return modeAttribute;
    }

    /** @return {@code LPS_Nom} */
    public String softwareName() {
        return softwareName;
    }

    /** @return {@code LPS_Version} */
    public String softwareVersion() {
        return softwareVersion;
    }

    /** @return {@code LPS_ID}, if set */
    public Optional<String> softwareInstanceId() {
        return softwareInstanceId;
    }

    /** @return {@code LPS_ID_HOMOLOGATION_DMP} */
    public String homologation() {
        return homologation;
    }

    /** @return {@code Identifiant_Structure} of the structure mode */
    public String structureId() {
        return structureId;
    }

    /** @return the TRE_R02 sector code of the structure mode */
    public String sector() {
        return sector;
    }

    /** @return the purpose-of-use code ({@code normal}) */
    public String purposeOfUse() {
        return purposeOfUse;
    }

    /** @return the {@code InclusiveNamespaces PrefixList} of the signature's reference transform (may be empty) */
    public List<String> inclusivePrefixes() {
        return inclusivePrefixes;
    }

    /** @return the {@code AuthnContextDecl} of the reinforced indirect mode ({@code APP_BROWSER_AUTH}), if any */
    public Optional<String> authnContextDecl() {
        return authnContextDecl;
    }

    /**
     * The display name of a role code, from the settings or the built-in table.
     *
     * @param codeSystem the code system OID
     * @param code the code
     * @return the display name, if known
     */
    public Optional<String> roleLabel(String codeSystem, String code) {
        String own = roleLabels.get(codeSystem + "|" + code);
        return own != null ? Optional.of(own) : RoleLabels.label(codeSystem, code);
    }

    /** Configures {@link VihfSettings}. Not thread-safe. */
    public static final class Builder {
        private String vihfVersion = DEFAULT_VERSION;
        private String modeAttribute = DEFAULT_MODE_ATTRIBUTE;
        private String softwareName;
        private String softwareVersion;
        private String softwareInstanceId;
        private String homologation;
        private String structureId;
        private String sector;
        private String purposeOfUse = "normal";
        private final List<String> inclusivePrefixes = new ArrayList<>();
        private final Map<String, String> roleLabels = new LinkedHashMap<>();
        private String authnContextDecl = "APP_BROWSER_AUTH";

        private Builder() {
        }

        /**
         * The {@code saml2:AuthnContextDecl} written in the reinforced indirect mode (default
         * {@code APP_BROWSER_AUTH}, as DRIMbox); {@code null} writes none.
         *
         * @param value the declaration, or {@code null}
         * @return this builder
         */
        public Builder authnContextDecl(String value) {
            this.authnContextDecl = value == null || value.isBlank() ? null : value.strip();
            return this;
        }

        /**
         * @param name {@code LPS_Nom}
         * @param version {@code LPS_Version}
         * @return this builder
         */
        public Builder software(String name, String version) {
            this.softwareName = Checks.required(name, "software name");
            this.softwareVersion = Checks.required(version, "software version");
            return this;
        }

        /**
         * @param oid {@code LPS_ID}, the software instance's OID
         * @return this builder
         */
        public Builder softwareInstanceId(String oid) {
            this.softwareInstanceId = Checks.required(oid, "software instance id");
            return this;
        }

        /**
         * @param id {@code LPS_ID_HOMOLOGATION_DMP}, the number the CNAM gave at homologation
         * @return this builder
         */
        public Builder homologation(String id) {
            this.homologation = Checks.required(id, "homologation");
            return this;
        }

        /**
         * @param id {@code Identifiant_Structure}: the structure's national id ({@code 1} + FINESS,
         *        {@code 3} + SIRET…)
         * @return this builder
         */
        public Builder structureId(String id) {
            this.structureId = Checks.required(id, "structure id");
            return this;
        }

        /**
         * @param code the TRE_R02 activity sector ({@code SAnn}), also the healthcareFacilityTypeCode
         * @return this builder
         */
        public Builder sector(String code) {
            String c = Checks.required(code, "sector");
            if (!SECTOR.matcher(c).matches()) {
                throw new DmpException(DmpError.NOT_IN_VALUE_SET, "Secteur_Activite", c, "TRE_R02-SecteurActivite");
            }
            this.sector = c;
            return this;
        }

        /**
         * @param version {@code VIHF_Version} (default {@value VihfSettings#DEFAULT_VERSION})
         * @return this builder
         */
        public Builder vihfVersion(String version) {
            this.vihfVersion = Checks.required(version, "VIHF version");
            return this;
        }

        /**
         * @param name the access-mode attribute's name (default {@value VihfSettings#DEFAULT_MODE_ATTRIBUTE})
         * @return this builder
         */
        public Builder modeAttribute(String name) {
            this.modeAttribute = Checks.required(name, "mode attribute");
            return this;
        }

        /**
         * @param code the purpose of use (code system {@code 1.2.250.1.213.1.1.4.248}; default {@code normal})
         * @return this builder
         */
        public Builder purposeOfUse(String code) {
            this.purposeOfUse = Checks.required(code, "purpose of use");
            return this;
        }

        /**
         * @param prefixes the {@code InclusiveNamespaces PrefixList} of the signature's exclusive c14n transform,
         *        such as {@code "ds", "saml", "#default", "xsi"} (default: none)
         * @return this builder
         */
        public Builder inclusivePrefixes(String... prefixes) {
            inclusivePrefixes.clear();
            inclusivePrefixes.addAll(List.of(prefixes));
            return this;
        }

        /**
         * Declares the display name of a role code the built-in table does not know.
         *
         * @param codeSystem the code system OID
         * @param code the code
         * @param label the display name (JDV_J65)
         * @return this builder
         */
        public Builder roleLabel(String codeSystem, String code, String label) {
            roleLabels.put(Objects.requireNonNull(codeSystem) + "|" + Objects.requireNonNull(code),
                    Checks.required(label, "role label"));
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws DmpException {@code DMP-040} naming every missing value
         */
        public VihfSettings build() {
            return new VihfSettings(this);
        }
    }
}
