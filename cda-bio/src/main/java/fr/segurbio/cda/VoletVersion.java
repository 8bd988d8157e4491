package fr.segurbio.cda;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The version of the CI-SIS volet BIO-CR-BIO a CR-BIO N3 follows: the extension of its
 * {@code 1.2.250.1.213.1.1.1.55} templateId (none for 2021.01). A report read from a document keeps the document's
 * version and is written in it again; a newer version is written only when the caller asks for it with
 * {@link CrBioReport#upgradedTo(VoletVersion)}, which says what changes ({@link #changesTo(VoletVersion)}).
 *
 * <pre>{@code
 * VoletVersion.of("2023.01");                       // Optional[V2023_01]
 * VoletVersion.V2021_01.changesTo(VoletVersion.V2024_01);
 * }</pre>
 */
public enum VoletVersion {
    /** 2021.01: templateId without extension, no PDF copy section (the volet's level-1 section list forbids it). */
    V2021_01("2021.01"),
    /** 2023.01: templateId extension {@code 2023.01}, PDF copy section {@code 1.2.250.1.213.1.1.2.243} required. */
    V2023_01("2023.01"),
    /** 2024.01: the current version, written by default. */
    V2024_01("2024.01");

    private final String label;

    VoletVersion(String label) {
        this.label = label;
    }

    /**
     * The templateId extension, such as {@code "2024.01"}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * The extension written on the volet's templateId: none for 2021.01 (as the 2021.01 documents have none).
     *
     * @return the extension, empty for 2021.01
     */
    public Optional<String> templateExtension() {
        return this == V2021_01 ? Optional.empty() : Optional.of(label);
    }

    /**
     * Whether the N3 carries the "Copie du document" PDF section (from 2023.01 on; the 2021.01 header rule
     * "sections de niveau 1 autorisées" refuses it).
     *
     * @return {@code true} from 2023.01 on
     */
    public boolean hasPdfCopySection() {
        return this != V2021_01;
    }

    /**
     * The version of a templateId extension ({@code null} is 2021.01).
     *
     * @param extension the extension, or {@code null}
     * @return the version, empty when unknown
     */
    public static Optional<VoletVersion> of(String extension) {
        if (extension == null) {
            return Optional.of(V2021_01);
        }
        for (VoletVersion v : values()) {
            if (v.label.equals(extension.trim())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /**
     * What writing a report of this version in {@code target} changes in the document, in French and English
     * ({@code "fr / en"}); empty when nothing changes.
     *
     * @param target the version written
     * @return the changes
     */
    public List<String> changesTo(VoletVersion target) {
        List<String> changes = new ArrayList<>();
        if (target == this) {
            return changes;
        }
        changes.add("templateId 1.2.250.1.213.1.1.1.55 : extension " + templateExtension().orElse("(aucune)")
                + " → " + target.templateExtension().orElse("(aucune)") + " / templateId 1.2.250.1.213.1.1.1.55: "
                + "extension " + templateExtension().orElse("(none)") + " → "
                + target.templateExtension().orElse("(none)"));
        if (!hasPdfCopySection() && target.hasPdfCopySection()) {
            changes.add("section « Copie du document » (PDF, 1.2.250.1.213.1.1.2.243) ajoutée / \"Copie du document\""
                    + " section (PDF, 1.2.250.1.213.1.1.2.243) added");
        }
        if (hasPdfCopySection() && !target.hasPdfCopySection()) {
            changes.add("section « Copie du document » retirée / \"Copie du document\" section removed");
        }
        return changes;
    }
}
