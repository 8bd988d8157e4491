package fr.segurbio.cda.internal.cda.write;

import java.time.OffsetDateTime;

import fr.segurbio.cda.Attachment;
import fr.segurbio.cda.Battery;
import fr.segurbio.cda.Code;
import fr.segurbio.cda.CodeSystems;
import fr.segurbio.cda.Comment;
import fr.segurbio.cda.Interpretation;
import fr.segurbio.cda.Isolate;
import fr.segurbio.cda.Observation;
import fr.segurbio.cda.Participation;
import fr.segurbio.cda.PreviousResult;
import fr.segurbio.cda.ReferenceRange;
import fr.segurbio.cda.ResultEntry;
import fr.segurbio.cda.ResultStatus;
import fr.segurbio.cda.ResultValue;
import fr.segurbio.cda.Specimen;

/** A result entry, written by SectionsPart.entryWithText for the Narrative, EntriesPart and ResultsPart tests. */
final class EntryFixture {

    private static final OffsetDateTime T0 = WriteFixtures.T0;

    private EntryFixture() {
    }

    /**
     * An entry with a specimen, observations (one aborted, one text-only), an isolate with its antibiogram, a
     * validator, an image and a comment.
     */
    static ResultEntry entry() {
        Observation urea = Observation.builder()
                .loinc(Code.loinc("22664-7", "Urée [Moles/Volume] Sérum/Plasma ; Numérique")).label("Urée")
                .time(T0.plusHours(3)).value(ResultValue.quantity("10.02", "mmol/L")).interpretation(Interpretation.H)
                .methodText("Uréase").referenceRange(ReferenceRange.between("3.50", "8", "mmol/L"))
                .previousResult(new PreviousResult(OffsetDateTime.parse("2023-09-12T08:15:00+02:00"),
                        ResultValue.quantity("8.5", "mmol/L"), Interpretation.H))
                .comment(Comment.of("Contrôle à prévoir."))
                .build();
        Observation colour = Observation.builder()
                .loinc(Code.loinc("5778-6", "Couleur [Type] Urine ; Résultat nominal"))
                .label("Couleur").time(T0).value(new ResultValue.Coded(null, "jaune citrin", false)).build();
        Observation aborted = Observation.builder().loinc(Code.loinc("5196-1", "Ag HBs")).label("Ag HBs")
                .status(ResultStatus.ABORTED).build();
        Battery abg = Battery.builder().loinc(Code.loinc("18769-0", "Antibiogramme")).label("Antibiogramme")
                .item(Observation.builder().loinc(Code.loinc("18928-2", "Gentamicine [Sensibilité] Isolat"))
                        .label("Gentamicine").time(T0).value(ResultValue.below("0.032", "ug/mL", false))
                        .interpretation(Interpretation.S).build())
                .build();
        Isolate ecoli = Isolate.builder()
                .organism(Code.of("112283007", CodeSystems.SNOMED_CT, "Escherichia coli (organism)"))
                .taxonomy(Code.of("562", CodeSystems.NCBI_TAXONOMY, "Escherichia coli")).label("Escherichia coli")
                .time(T0).observation(colour).antibiogram(abg).build();
        return ResultEntry.builder().code(Code.loinc("18719-5", "Biochimie"))
                .specimen(Specimen.builder().type(Code.of("SER", CodeSystems.SPECIMEN_TYPE, "Sérum")).collected(T0)
                        .received(T0.plusMinutes(20)).build())
                .result(urea).result(aborted).result(ecoli)
                .validator(new Participation(WriteFixtures.biologist(), T0.plusHours(8)))
                .image(new Attachment("image/png", new byte[] {1, 2, 3}, "Courbe"))
                .comment(Comment.of("Infection urinaire."))
                .build();
    }

    /** The entry as {@link SectionsPart#entryWithText} writes it: its narrative, then the entry. */
    static Fragment written() throws Exception {
        return Fragment.of(out -> SectionsPart.entryWithText(out, entry()));
    }
}
