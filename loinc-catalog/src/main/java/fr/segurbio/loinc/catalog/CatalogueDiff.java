package fr.segurbio.loinc.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What changed from one catalogue to another, exam by exam (by local code): added, modified (before and
 * after), removed. The part of the import report that Ségur referencing checks.
 *
 * <pre>{@code
 * CatalogueDiff d = CatalogueDiff.between(current, imported);
 * d.added().size(); d.modified().size(); d.removed().size();
 * }</pre>
 *
 * @param added exams only in the new catalogue
 * @param modified exams in both, changed
 * @param removed exams only in the old catalogue
 * @param unchanged how many exams are identical
 */
public record CatalogueDiff(List<Exam> added, List<Change> modified, List<Exam> removed, int unchanged) {

    /**
     * One modified exam.
     *
     * @param before the exam in the old catalogue
     * @param after the exam in the new one
     */
    public record Change(Exam before, Exam after) {
        /**
         * Checks the fields.
         *
         * @param before the old exam
         * @param after the new exam
         */
        public Change {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }

        /**
         * The names of the fields that differ ({@code label}, {@code chapter}, {@code specimen},
         * {@code method}, {@code localUnit}, {@code resultType}, {@code transcoding}).
         *
         * @return the changed fields
         */
        public List<String> changedFields() {
            List<String> f = new ArrayList<>();
            if (!before.label().equals(after.label())) {
                f.add("label");
            }
            if (!before.chapter().equals(after.chapter())) {
                f.add("chapter");
            }
            if (!before.specimen().equals(after.specimen())) {
                f.add("specimen");
            }
            if (!before.method().equals(after.method())) {
                f.add("method");
            }
            if (!before.localUnit().equals(after.localUnit())) {
                f.add("localUnit");
            }
            if (!before.resultType().equals(after.resultType())) {
                f.add("resultType");
            }
            if (!before.transcoding().equals(after.transcoding())) {
                f.add("transcoding");
            }
            return f;
        }
    }

    /**
     * Copies the lists.
     *
     * @param added exams only in the new catalogue
     * @param modified exams in both, changed
     * @param removed exams only in the old catalogue
     * @param unchanged how many exams are identical
     */
    public CatalogueDiff {
        added = List.copyOf(added);
        modified = List.copyOf(modified);
        removed = List.copyOf(removed);
    }

    /**
     * The differences from {@code before} to {@code after}.
     *
     * @param before the old catalogue
     * @param after the new catalogue
     * @return the differences
     */
    public static CatalogueDiff between(Catalogue before, Catalogue after) {
        List<Exam> added = new ArrayList<>();
        List<Change> modified = new ArrayList<>();
        List<Exam> removed = new ArrayList<>();
        int same = 0;
        for (Exam a : after.exams()) {
            Exam b = before.find(a.localCode()).orElse(null);
            if (b == null) {
                added.add(a);
            } else if (b.equals(a)) {
                same++;
            } else {
                modified.add(new Change(b, a));
            }
        }
        for (Exam b : before.exams()) {
            if (after.find(b.localCode()).isEmpty()) {
                removed.add(b);
            }
        }
        return new CatalogueDiff(added, modified, removed, same);
    }

    /**
     * Whether nothing changed.
     *
     * @return {@code true} when nothing was added, modified or removed
     */
    public boolean isEmpty() {
        return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
    }
}
