package fr.segurbio.cda.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import fr.segurbio.cda.CrBioJson;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.CrBioWriter;
import fr.segurbio.cda.pdf.CrBioPdfRenderer;
import fr.segurbio.cda.validation.SharedValidator;
import fr.segurbio.cda.validation.ValidationReport;

/**
 * Every CR-BIO N3 of the ANS package: read, written in its own volet version, validated with the full ANS set
 * (0 errors), read again, and the whole model compared field by field (through its JSON form, every field).
 */
class CrBioFidelityTest {

    static final CrBioReader READER = CrBioReader.create();
    static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "BIO-CR-BIO_2024.01_TSH_1.xml",
        "BIO-CR-BIO_2024.01_TSH_2.xml",
        "BIO-CR-BIO_2024.01_CR-2nde-intention-PDF.xml",
        "BIO-CR-BIO_2024.01_Glycemie_deux_unites_principales_mole_masse.xml",
        "BIO-CR-BIO_2024.01_Glycemie_g_par_Litre_2.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mmol_par_Litre_1.xml",
        "BIO-CR-BIO_2024.01_Glycemie_mole.xml",
        "BIO-CR-BIO_2023.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Electrophorese.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V1.xml",
        "BIO-CR-BIO_2021.01_Microbiologie_V2.xml",
        "BIO-CR-BIO_2021.01_CR-2nde-intention.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable.xml",
        "BIO-CR-BIO_2021.01_Auto-Presentable_avec-image.xml"
    })
    void everyAnsExampleKeepsEveryModelledDatumThroughAReWrite(String name) throws IOException {
        ReadDocument first = READER.read(Files.readAllBytes(SharedValidator.example(name)));
        roundTrip(name, first);
    }

    /** Writes the report read, validates it, reads it again and compares every field; returns the re-read. */
    static ReadDocument roundTrip(String name, ReadDocument first) throws IOException {
        CrBioReport report = first.report();
        byte[] pdf = first.pdfCopy().orElseGet(() -> CrBioPdfRenderer.create().render(report));
        byte[] rewritten = CrBioWriter.standard().n3(report, pdf).document();
        ValidationReport validation = SharedValidator.get().validate(rewritten);
        assertThat(validation.errors()).as("ANS errors of %s re-written", name).isEmpty();
        ReadDocument again = READER.read(rewritten);
        assertThat(again.volet()).as(name).isEqualTo(first.volet());
        assertSameFields(name, MAPPER.readTree(CrBioJson.write(report)), MAPPER.readTree(CrBioJson.write(again.report())));
        return again;
    }

    /** Every leaf of the two JSON trees, by its JSON Pointer; the differences are listed all at once. */
    static void assertSameFields(String name, JsonNode before, JsonNode after) {
        Map<String, String> a = new java.util.TreeMap<>();
        Map<String, String> b = new java.util.TreeMap<>();
        leaves(before, "", a);
        leaves(after, "", b);
        List<String> diffs = new ArrayList<>();
        for (String k : a.keySet()) {
            if (!a.get(k).equals(b.get(k))) {
                diffs.add(k + ": " + abbreviate(a.get(k)) + " -> " + abbreviate(b.get(k)));
            }
        }
        for (String k : b.keySet()) {
            if (!a.containsKey(k)) {
                diffs.add(k + ": (absent) -> " + abbreviate(b.get(k)));
            }
        }
        assertThat(diffs).as("fields of %s changed by read -> write -> read", name).isEmpty();
        assertThat(a).as(name).isNotEmpty();
    }

    private static String abbreviate(String s) {
        return s == null ? null : s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    private static void leaves(JsonNode n, String path, Map<String, String> out) {
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), path + "/" + e.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                leaves(n.get(i), path + "/" + i, out);
            }
        } else {
            out.put(path, n.asText());
        }
    }
}
