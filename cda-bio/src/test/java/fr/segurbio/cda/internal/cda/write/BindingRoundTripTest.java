package fr.segurbio.cda.internal.cda.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;


import org.junit.jupiter.api.Test;

import fr.segurbio.cda.Address;
import fr.segurbio.cda.Chapter;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.CrBioReport;
import fr.segurbio.cda.DocumentKind;
import fr.segurbio.cda.Encounter;
import fr.segurbio.cda.InstanceId;
import fr.segurbio.cda.Patient;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.SubChapter;
import fr.segurbio.cda.Telecom;
import fr.segurbio.cda.internal.ReadContext;
import fr.segurbio.cda.internal.cda.read.CdaIn;
import fr.segurbio.cda.internal.cda.read.CdaXml;
import fr.segurbio.cda.internal.cda.read.Node;
import fr.segurbio.cda.read.CdaReadError;
import fr.segurbio.ins.Ins;

/**
 * One round trip per CDA binding: a model part written by its write binding
 * ({@code fr.segurbio.cda.internal.cda.write}), read back by the read binding of the same name
 * ({@code fr.segurbio.cda.internal.cda.read}), equal to what it was, field by field — less what the volet does not
 * carry at that place (an organization's practice setting other than the legal authenticator's, the performing
 * lab's and a subcontractor's; an entry validator's profession and organization; the identifiers the writer gives
 * a specimen or an isolate that has none; the birth names written as used names when none is given).
 */
class BindingRoundTripTest {

    /** The written fragment's root element, as the reader sees it. */
    private static Node root(Fragment f) throws Exception {
        return CdaXml.parse(CdaXml.Source.of(f.xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    private static ReadContext strict() {
        return ReadContext.xml(ReadContext.Mode.STRICT, CdaReadError.BAD_PART);
    }

    // ------------------------------------------------------------------ PatientPart

    @Test
    void patientPart() throws Exception {
        Patient sample = WriteFixtures.sample().patient();
        Patient withUsedNames = Patient.builder().ins(Ins.of("279035121518989", "1.2.250.1.213.1.4.10"), true)
                .localId(InstanceId.of("1.2.3.4.567.8.9.10", "IPP-1")).birthFamilyName("PAT-TROIS")
                .birthGivenNames("DOMINIQUE MARIE-LOUISE").firstBirthGivenName("DOMINIQUE").usedFamilyName("MARTIN")
                .usedGivenName("DOM").gender(fr.segurbio.cda.Gender.F).birthDate(java.time.LocalDate.of(1979, 3, 28))
                .birthPlace(fr.segurbio.ins.BirthPlace.of("99134"))
                .address(new Address(List.of("28 avenue de Breteuil", "Bâtiment B"), "75007", "PARIS", "FRANCE"))
                .telecom(Telecom.phone("0144534551", "H")).telecom(Telecom.email("d@example.fr", null)).build();
        Patient local = WriteFixtures.minimal().build().patient();
        for (Patient p : List.of(sample, withUsedNames, local)) {
            Node fragment = root(Fragment.of(out -> PatientPart.recordTarget(out, p)));
            ReadContext ctx = strict();
            Patient back = fr.segurbio.cda.internal.cda.read.PatientPart.read(new CdaIn(ctx, fragment),
                    fragment.path("recordTarget", "patientRole"));
            assertThat(ctx.problems()).isEmpty();
            assertThat(back).usingRecursiveComparison().isEqualTo(asWritten(p));
        }
    }

    /**
     * The patient as written: every field as given (used names only when given, guardians, address part by part);
     * an INS that may not be shared is not written.
     */
    private static Patient asWritten(Patient p) {
        Patient.Builder b = p.toBuilder();
        if (!p.isInsQualified()) {
            b.ins(null, false);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ HeaderPart and ParticipantsPart

    @Test
    void headerAndParticipantsParts() throws Exception {
        for (CrBioReport r : List.of(WriteFixtures.sample(), WriteFixtures.minimal().build())) {
            Node doc = root(Fragment.document(out -> HeaderPart.header(out, r, DocumentKind.N3, r.id(), r.setId(),
                    r.replacedDocument().orElse(null), null)));
            ReadContext ctx = strict();
            CdaIn in = new CdaIn(ctx, doc);
            CrBioReport.Builder b = CrBioReport.builder();
            fr.segurbio.cda.internal.cda.read.HeaderPart.read(in, doc, b);
            fr.segurbio.cda.internal.cda.read.ParticipantsPart.read(in, doc, b);
            b.patient(r.patient()).encounter(r.encounter());
            r.chapters().forEach(b::chapter);
            CrBioReport back = b.build();
            assertThat(ctx.problems()).isEmpty();
            assertThat(back).usingRecursiveComparison()
                    .comparingOnlyFields("id", "setId", "version", "effectiveTime", "confidentiality", "language",
                            "replacedDocument", "orderId", "requestId", "reportStatus", "requestReceived",
                            "reportReleased", "authors", "custodian", "recipients", "legalAuthenticator",
                            "authenticators", "prescriber", "sampler", "performingLab")
                    .ignoringFieldsMatchingRegexes("(authors|authenticators|prescriber|sampler|recipients|custodian)"
                            + "(\\..*)?\\.practiceSetting")
                    .isEqualTo(r);
            assertThat(back.legalAuthenticator()).usingRecursiveComparison().isEqualTo(r.legalAuthenticator());
            assertThat(back.performingLab()).usingRecursiveComparison().isEqualTo(r.performingLab());
        }
    }

    // ------------------------------------------------------------------ EncounterPart

    @Test
    void encounterPart() throws Exception {
        Encounter e = WriteFixtures.sample().encounter();
        Encounter started = new Encounter(InstanceId.of("1.2.250.1.213.1.1.9", "V-2"),
                Code.of("EMER", CodeSystems.ACT_CODE, "Urgences"), WriteFixtures.T0, WriteFixtures.biologist(),
                Code.of("SA25", CodeSystems.ACTIVITY_SECTOR, "Laboratoire de biologie médicale"));
        for (Encounter enc : List.of(e, started)) {
            Node fragment = root(Fragment.of(out -> EncounterPart.componentOf(out, enc)));
            ReadContext ctx = strict();
            Encounter back = fr.segurbio.cda.internal.cda.read.EncounterPart.read(new CdaIn(ctx, fragment),
                    fragment.path("componentOf", "encompassingEncounter"));
            assertThat(ctx.problems()).isEmpty();
            assertThat(back).usingRecursiveComparison().ignoringFieldsMatchingRegexes(".*practiceSetting")
                    .isEqualTo(enc);
        }
    }

    // ------------------------------------------------------------------ SectionsPart, EntriesPart, ResultsPart

    @Test
    void sectionsPart() throws Exception {
        CrBioReport r = WriteFixtures.sample();
        byte[] pdf = r.secondLineResults().get(0).data();
        Node fragment = root(Fragment.of(out -> SectionsPart.structuredBody(out, r, pdf)));
        ReadContext ctx = strict();
        CrBioReport.Builder b = CrBioReport.builder();
        byte[] copy = fr.segurbio.cda.internal.cda.read.SectionsPart.read(new CdaIn(ctx, fragment),
                fragment.path("component", "structuredBody"), b);
        assertThat(ctx.problems()).isEmpty();
        assertThat(copy).isEqualTo(pdf);
        r.authors().forEach(b::author);
        CrBioReport back = b.id(r.id()).setId(r.setId()).effectiveTime(r.effectiveTime()).patient(r.patient())
                .custodian(r.custodian()).legalAuthenticator(r.legalAuthenticator())
                .requestReceived(r.requestReceived()).performingLab(r.performingLab()).encounter(r.encounter())
                .build();
        assertThat(back.commentSections()).isEqualTo(r.commentSections());
        assertThat(back.secondLineResults()).isEqualTo(r.secondLineResults());
        assertThat(back.chapters()).usingRecursiveFieldByFieldElementComparator(entryAsWritten())
                .isEqualTo(r.chapters());
    }

    @Test
    void entriesAndResultsParts() throws Exception {
        List<ResultEntry> entries = new ArrayList<>();
        for (Chapter c : WriteFixtures.sample().chapters()) {
            entries.addAll(c.entries());
        }
        entries.add(EntryFixture.entry());
        for (ResultEntry e : entries) {
            Node fragment = root(Fragment.of(out -> {
                out.start("section");
                SectionsPart.entryWithText(out, e);
                out.end();
            }));
            ReadContext ctx = strict();
            ResultEntry back = fr.segurbio.cda.internal.cda.read.EntriesPart.read(new CdaIn(ctx, fragment),
                    fragment.path("section", "entry", "act"));
            assertThat(ctx.problems()).isEmpty();
            assertThat(back).usingRecursiveComparison(entryAsWritten()).isEqualTo(e);
        }
    }

    /** What an entry carries: no validator's profession nor organization, generated ids aside. */
    private static org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration entryAsWritten() {
        return org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration.builder()
                .withIgnoredFieldsMatchingRegexes(".*validator\\.professional\\.(profession|organization)",
                        ".*specimens\\.id", ".*results\\.id", ".*\\.items\\.id")
                .build();
    }

    // ------------------------------------------------------------------ ValuesPart

    @Test
    void valuesPart() throws Exception {
        List<ResultValue> values = List.of(
                ResultValue.quantity("1.950", "m[IU]/L"),
                ResultValue.above("0.512", "ug/mL", true),
                new ResultValue.QuantityRange(ResultValue.quantity("2", "g/L"), ResultValue.quantity("4", "g/L"), false,
                        true),
                new ResultValue.Coded(Code.of("260385009", CodeSystems.SNOMED_CT, "Négatif"), null, false),
                new ResultValue.Coded(Code.of("2", "1.2.3", "++"), null, true),
                new ResultValue.Coded(null, "jaune citrin", false),
                ResultValue.text("limpide"),
                new ResultValue.Ratio(BigDecimal.ONE, new BigDecimal("64")),
                new ResultValue.Ratio(new BigDecimal("1.5"), new BigDecimal("100")),
                new ResultValue.Bool(false),
                new ResultValue.Int(500),
                new ResultValue.Real(new BigDecimal("1.015")));
        for (ResultValue v : values) {
            Node fragment = root(Fragment.of(out -> ValuesPart.value(out, v, null)));
            ReadContext ctx = strict();
            ResultValue back = fr.segurbio.cda.internal.cda.read.ValuesPart.value(new CdaIn(ctx, fragment),
                    fragment.child("value"));
            assertThat(ctx.problems()).isEmpty();
            assertThat(back).as("%s", v).isEqualTo(v);
        }
    }

    @Test
    void subChaptersKeepTheirCodesAndTitles() throws Exception {
        Chapter c = WriteFixtures.sample().chapters().stream().filter(x -> x.entry() == null).findFirst()
                .orElseThrow();
        Node fragment = root(Fragment.of(out -> SectionsPart.chapter(out, c)));
        ReadContext ctx = strict();
        Chapter back = fr.segurbio.cda.internal.cda.read.SectionsPart.chapter(new CdaIn(ctx, fragment),
                fragment.path("component", "section"));
        assertThat(ctx.problems()).isEmpty();
        assertThat(back.subChapters()).extracting(SubChapter::code).isEqualTo(
                c.subChapters().stream().map(SubChapter::code).toList());
        assertThat(back.subChapters()).extracting(SubChapter::title).isEqualTo(
                c.subChapters().stream().map(SubChapter::title).toList());
    }
}
