package io.membank.diagnostics.healing;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A weekly window in UTC during which nothing heals automatically (planned maintenance causes
 * symptoms on purpose): {@code "SAT 02:00-04:00"}, or {@code "* 02:00-04:00"} for every day.
 */
public record FreezeWindow(DayOfWeek day, LocalTime from, LocalTime to) {

  private static final Pattern FORMAT =
      Pattern.compile("(\\*|MON|TUE|WED|THU|FRI|SAT|SUN)\\s+(\\d{2}:\\d{2})-(\\d{2}:\\d{2})");

  public static FreezeWindow parse(String s) {
    Matcher m = FORMAT.matcher(s.strip().toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "freeze window '" + s + "' is not like 'SAT 02:00-04:00' or '* 02:00-04:00'");
    }
    DayOfWeek day = m.group(1).equals("*") ? null : dayOf(m.group(1));
    return new FreezeWindow(day, LocalTime.parse(m.group(2)), LocalTime.parse(m.group(3)));
  }

  private static DayOfWeek dayOf(String abbreviation) {
    for (DayOfWeek d : DayOfWeek.values()) {
      if (d.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).equalsIgnoreCase(abbreviation)) {
        return d;
      }
    }
    throw new IllegalArgumentException(abbreviation);
  }

  /** Whether {@code at} falls inside the window (a window may cross midnight). */
  public boolean contains(java.time.Instant at) {
    ZonedDateTime t = at.atZone(ZoneOffset.UTC);
    LocalTime time = t.toLocalTime();
    if (from.isBefore(to)) {
      return (day == null || t.getDayOfWeek() == day) && !time.isBefore(from) && time.isBefore(to);
    }
    // Crosses midnight: the evening part is on `day`, the morning part on the day after.
    boolean evening = (day == null || t.getDayOfWeek() == day) && !time.isBefore(from);
    boolean morning = (day == null || t.getDayOfWeek() == day.plus(1)) && time.isBefore(to);
    return evening || morning;
  }
}
