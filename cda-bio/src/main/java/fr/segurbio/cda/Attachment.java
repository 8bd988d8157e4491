package fr.segurbio.cda;

import java.util.Arrays;
import java.util.Objects;
import fr.segurbio.cda.internal.Bilingual;

/**
 * Binary content in a report: an illustrative image (FR-Image-illustrative, {@code image/png} or
 * {@code image/jpeg}) or an attached document ({@code application/pdf}).
 *
 * <pre>{@code
 * Attachment image = new Attachment("image/png", pngBytes, "Électrophorèse des protéines sériques");
 * }</pre>
 *
 * @param mediaType the MIME type
 * @param data the bytes (copied)
 * @param caption the caption shown in the narrative
 */
public record Attachment(String mediaType, byte[] data, String caption) {

    /**
     * Checks and copies the fields.
     *
     * @param mediaType the MIME type
     * @param data the bytes
     * @param caption the caption
     */
    public Attachment {
        mediaType = InstanceId.requireText(mediaType, "mediaType");
        if (!mediaType.matches("image/(png|jpeg|gif)|application/pdf")) {
            throw new CdaException(CdaError.BAD_VALUE, mediaType, Bilingual.of("image/png, image/jpeg, image/gif ou application/pdf", "image/png, image/jpeg, image/gif or application/pdf"));
        }
        if (data == null || data.length == 0) {
            throw new CdaException(CdaError.MISSING, Bilingual.of("données de la pièce jointe", "attachment data"));
        }
        if ("application/pdf".equals(mediaType) && !CrBioWriter.isPdf(data)) {
            throw new CdaException(CdaError.BAD_PDF, Bilingual.of("la pièce jointe ne commence pas par %PDF-", "the attachment does not start with %PDF-"));
        }
        data = data.clone();
        caption = InstanceId.requireText(caption, Bilingual.of("légende de la pièce jointe", "attachment caption"));
    }

    /**
     * A copy of the bytes.
     *
     * @return the bytes
     */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /**
     * The size in bytes.
     *
     * @return the size
     */
    public int size() {
        return data.length;
    }

    byte[] rawData() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Attachment a && a.mediaType.equals(mediaType) && Arrays.equals(a.data, data)
                && a.caption.equals(caption);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mediaType, Arrays.hashCode(data), caption);
    }

    @Override
    public String toString() {
        return "Attachment[" + mediaType + ", " + data.length + " bytes, " + caption + "]";
    }
}
