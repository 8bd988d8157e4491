package fr.segurbio.mss.annuaire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import fr.segurbio.core.Problem;
import fr.segurbio.mss.MailAddress;
import fr.segurbio.mss.MssError;
import fr.segurbio.mss.MssException;

/**
 * The public "Annuaire santé – extraction des BAL MSSanté" flat file, for labs that prefer an offline copy: a
 * header line, then one mailbox per line, {@code ;} or {@code |} separated (the separator is taken from the
 * header). Columns are found by name: {@code identifiant_pp} (or {@code type_identifiant_pp} + {@code
 * identifiant_pp}: RPPS {@code 8}, the IDNPS is accepted too), {@code adresse_bal_mssante} (required), and when
 * present {@code type_bal}, {@code nom}, {@code prenom}, {@code liste_rouge}, {@code dematerialisation}. A bad line
 * is skipped and kept as a problem; the rest is indexed by RPPS.
 *
 * <pre>{@code
 * BalExtract extract = BalExtract.load(Path.of("Extraction_BAL_MSSante.csv"));
 * Professional p = extract.lookup("10003456789");
 * extract.problems();   // the lines that could not be read
 * }</pre>
 */
public final class BalExtract implements MailboxDirectory {

    private final Map<String, Professional> byRpps;
    private final List<Problem> problems;

    private BalExtract(Map<String, Professional> byRpps, List<Problem> problems) {
        this.byRpps = Map.copyOf(byRpps);
        this.problems = List.copyOf(problems);
    }

    /**
     * Reads a file (UTF-8).
     *
     * @param file the extraction
     * @return the index
     * @throws MssException {@code MSS-404} when the header lacks a required column or the file is unreadable
     */
    public static BalExtract load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new MssException(e, MssError.ANNUAIRE_BAD_DATA, file + ": " + e.getMessage());
        }
    }

    /**
     * Reads an extraction from a stream (UTF-8).
     *
     * @param in the extraction
     * @return the index
     */
    public static BalExtract read(InputStream in) {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        try {
            String header = r.readLine();
            if (header == null) {
                throw new MssException(MssError.ANNUAIRE_BAD_DATA, "empty file");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
            String sep = header.contains(";") ? ";" : header.contains("|") ? "\\|" : ",";
            String[] cols = header.split(sep, -1);
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < cols.length; i++) {
                index.put(cols[i].trim().replace("\"", "").toLowerCase(Locale.ROOT), i);
            }
            Integer id = index.get("identifiant_pp");
            Integer address = index.get("adresse_bal_mssante");
            if (id == null || address == null) {
                throw new MssException(MssError.ANNUAIRE_BAD_DATA,
                        "columns identifiant_pp and adresse_bal_mssante are required, header: " + header);
            }
            Map<String, String> family = new HashMap<>();
            Map<String, String> given = new HashMap<>();
            Map<String, List<Mailbox>> boxes = new LinkedHashMap<>();
            List<Problem> problems = new ArrayList<>();
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(sep, -1);
                try {
                    String rpps = value(f, id);
                    if (rpps.length() == 12 && rpps.startsWith("8")) {
                        rpps = rpps.substring(1);
                    }
                    Professional.requireRpps(rpps);
                    MailAddress a = MailAddress.of(value(f, address));
                    MailboxType type = Optional.ofNullable(index.get("type_bal")).map(i -> value(f, i))
                            .filter(s -> !s.isEmpty()).map(s -> MailboxType.valueOf(s.toUpperCase(Locale.ROOT)))
                            .orElse(MailboxType.PER);
                    boolean listeRouge = Optional.ofNullable(index.get("liste_rouge")).map(i -> yes(value(f, i)))
                            .orElse(false);
                    Optional<Boolean> demat = Optional.ofNullable(index.get("dematerialisation"))
                            .map(i -> value(f, i)).filter(s -> !s.isEmpty()).map(BalExtract::yes);
                    boxes.computeIfAbsent(rpps, k -> new ArrayList<>())
                            .add(new Mailbox(a, type, listeRouge, demat, Optional.empty()));
                    String rp = rpps;
                    Optional.ofNullable(index.get("nom")).map(i -> value(f, i)).filter(s -> !s.isEmpty())
                            .ifPresent(v -> family.putIfAbsent(rp, v));
                    Optional.ofNullable(index.get("prenom")).map(i -> value(f, i)).filter(s -> !s.isEmpty())
                            .ifPresent(v -> given.putIfAbsent(rp, v));
                } catch (MssException | IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                    problems.add(Problem.of(MssError.ANNUAIRE_BAD_DATA, "line " + n, e.getMessage()));
                }
            }
            Map<String, Professional> out = new HashMap<>();
            boxes.forEach((rpps, list) -> out.put(rpps, new Professional(rpps, family.getOrDefault(rpps, ""),
                    Optional.ofNullable(given.get(rpps)), list)));
            return new BalExtract(out, problems);
        } catch (IOException e) {
            throw new MssException(e, MssError.ANNUAIRE_BAD_DATA, e.getMessage());
        }
    }

    private static String value(String[] f, int i) {
        return f[i].trim().replaceAll("^\"|\"$", "").trim();
    }

    private static boolean yes(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("oui") || s.equals("o") || s.equals("vrai");
    }

    @Override
    public Professional lookup(String rpps) {
        Professional.requireRpps(rpps);
        Professional p = byRpps.get(rpps);
        if (p == null) {
            throw new MssException(MssError.RPPS_UNKNOWN, rpps);
        }
        return p;
    }

    /**
     * How many professionals the file lists.
     *
     * @return the count
     */
    public int size() {
        return byRpps.size();
    }

    /**
     * The lines that could not be read.
     *
     * @return the problems, with the line number as path
     */
    public List<Problem> problems() {
        return problems;
    }
}
