package fr.segurbio.cda.internal.cda.write;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;

import fr.segurbio.cda.CdaError;
import fr.segurbio.cda.CdaException;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.xds.XdsMetadata;
import fr.segurbio.cda.xds.XdsProjection;
import fr.segurbio.core.Problem;

/**
 * The StAX writer of CR-BIO N3 and N1 documents: one binding per CDA part ({@link HeaderPart},
 * {@link PatientPart}, {@link ParticipantsPart}, {@link EncounterPart}, {@link SectionsPart},
 * {@link Narrative}, {@link EntriesPart}, {@link ResultsPart}, {@link ValuesPart}) over one {@link CdaOut} per
 * document, streamed through a buffered UTF-8 writer that counts and hashes the bytes for the XDS metadata.
 * Thread-safe: every call has its own state.
 */
public final class CdaXmlWriter {

    private static final int BUFFER = 32 * 1024;
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final String stylesheet;

    /**
     * A writer.
     *
     * @param stylesheet the href of the {@code xml-stylesheet} processing instruction, or {@code null}
     */
    public CdaXmlWriter(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /**
     * Writes an N3.
     *
     * @param report the report
     * @param pdf the PDF copy
     * @param out the stream
     * @return the metadata
     */
    public XdsMetadata writeN3(CrBioReport report, byte[] pdf, OutputStream out) {
        Counting counting = new Counting(out);
        InstanceId replaced = report.replacedDocument().orElse(null);
        try {
            CdaOut o = open(counting, report.id());
            HeaderPart.header(o, report, DocumentKind.N3, report.id(), report.setId(), replaced, stylesheet);
            SectionsPart.structuredBody(o, report, pdf);
            o.finish();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        return XdsProjection.project(report, DocumentKind.N3, report.id(), report.setId(), replaced, counting.count,
                counting.hash());
    }

    /**
     * Writes an N1.
     *
     * @param report the report
     * @param pdf the PDF
     * @param id the N1 id
     * @param setId the N1 set id
     * @param replaced the id of the N1 this one replaces, or {@code null}
     * @param out the stream
     * @return the metadata
     */
    public XdsMetadata writeN1(CrBioReport report, byte[] pdf, InstanceId id, InstanceId setId, InstanceId replaced,
            OutputStream out) {
        Counting counting = new Counting(out);
        try {
            CdaOut o = open(counting, id);
            HeaderPart.header(o, report, DocumentKind.N1, id, setId, replaced, stylesheet);
            SectionsPart.nonXmlBody(o, pdf);
            o.finish();
        } catch (XMLStreamException e) {
            throw failure(e);
        }
        return XdsProjection.project(report, DocumentKind.N1, id, setId, replaced, counting.count, counting.hash());
    }

    /** The JDK's StAX writer is far faster over a buffered {@code Writer} than over an {@code OutputStream}. */
    private static CdaOut open(Counting counting, InstanceId documentId) throws XMLStreamException {
        // the char buffer in front makes the UTF-8 encoder run on large chunks, not on every name and attribute
        Writer chars = new BufferedWriter(new OutputStreamWriter(counting, StandardCharsets.UTF_8), BUFFER);
        return new CdaOut(FACTORY.createXMLStreamWriter(chars), chars, counting, documentId);
    }

    private static CdaException failure(Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return new CdaException(Problem.of(CdaError.WRITE_FAILED, "", String.valueOf(cause.getMessage())), e);
    }

    /** Counts and hashes what is written. */
    private static final class Counting extends OutputStream {
        private final OutputStream out;
        private final MessageDigest sha1;
        private long count;

        Counting(OutputStream out) {
            this.out = out;
            try {
                this.sha1 = MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is missing from this JVM", e);
            }
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha1.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha1.update(b, off, len);
            count += len;
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        String hash() {
            return HexFormat.of().formatHex(sha1.digest());
        }
    }
}
