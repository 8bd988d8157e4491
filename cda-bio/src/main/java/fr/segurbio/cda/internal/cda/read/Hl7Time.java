package fr.segurbio.cda.internal.cda.read;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** HL7 v3 TS values ({@code yyyyMMdd[HH[mm[ss[.S…]]]][±HHMM]}); a time without offset is taken in Paris. */
final class Hl7Time {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,9}))?([+-]\\d{2}(?:\\d{2})?)?");

    private Hl7Time() {
    }

    static OffsetDateTime parse(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = TS.matcher(value.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an HL7 time: " + value);
        }
        int year = Integer.parseInt(m.group(1));
        int month = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int day = m.group(3) == null ? 1 : Integer.parseInt(m.group(3));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int nanos = 0;
        if (m.group(7) != null) {
            String f = (m.group(7) + "000000000").substring(0, 9);
            nanos = Integer.parseInt(f);
        }
        LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        if (m.group(8) != null) {
            String z = m.group(8);
            int h = Integer.parseInt(z.substring(1, 3));
            int mm = z.length() > 3 ? Integer.parseInt(z.substring(3, 5)) : 0;
            int sign = z.charAt(0) == '-' ? -1 : 1;
            return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * h, sign * mm));
        }
        return local.atZone(PARIS).toOffsetDateTime();
    }

    static LocalDate date(String value) {
        OffsetDateTime t = parse(value);
        return t == null ? null : t.toLocalDate();
    }
}
