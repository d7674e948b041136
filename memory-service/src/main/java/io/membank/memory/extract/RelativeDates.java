package io.membank.memory.extract;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves the first relative date of a sentence ("yesterday", "two days ago", "last week", "next
 * month", "last Saturday"; 昨天, 前天, 上周, 上个月, 去年, 下个月, 三天前) against the day it was said.
 */
final class RelativeDates {

  /** A relative date found in a sentence: where it ends, and the span it stands for. */
  record Found(int end, TimeSpan span) {}

  private enum Unit {
    DAY,
    WEEK,
    MONTH,
    YEAR
  }

  private static final Map<String, Integer> NUMBERS =
      Map.ofEntries(
          Map.entry("a", 1),
          Map.entry("an", 1),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("six", 6),
          Map.entry("seven", 7),
          Map.entry("一", 1),
          Map.entry("两", 2),
          Map.entry("二", 2),
          Map.entry("三", 3),
          Map.entry("四", 4),
          Map.entry("五", 5),
          Map.entry("六", 6),
          Map.entry("七", 7));

  private static final Pattern EN =
      Pattern.compile(
          "\\b(yesterday|today|tonight|this morning|this"
              + " evening|tomorrow|(?<n>a|an|one|two|three|four|five|six|seven|\\d{1,2})"
              + " (?<u>day|week|month|year)s? ago|(?<dir>last|next)"
              + " (?<what>week(?:end)?|month|year|monday|tuesday|wednesday|thursday"
              + "|friday|saturday|sunday))\\b",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ZH =
      Pattern.compile(
          "(昨天|昨晚|前天|今天|今晚|明天|后天|大前天|去年|前年|明年|上(?:个)?(?:周|星期|礼拜)末?|下(?:个)?(?:周|星期|礼拜)"
              + "|上个?月|下个?月|(?<n>[一两二三四五六七\\d]{1,2})(?<u>天|周|个星期|个月|年)前)");

  private RelativeDates() {}

  /** The first relative date in the sentence, or null. */
  static Found find(String sentence, LocalDate day, boolean chinese) {
    Matcher m = EN.matcher(sentence);
    if (m.find()) {
      TimeSpan span = english(m, day, chinese);
      return span == null ? null : new Found(m.end(), span);
    }
    m = ZH.matcher(sentence);
    if (m.find()) {
      TimeSpan span = chinese(m, day);
      return span == null ? null : new Found(m.end(), span);
    }
    return null;
  }

  private static TimeSpan english(Matcher m, LocalDate day, boolean chinese) {
    String all = m.group(1).toLowerCase(Locale.ROOT);
    switch (all) {
      case "yesterday":
        return span(day.minusDays(1), Unit.DAY, chinese);
      case "today", "tonight", "this morning", "this evening":
        return span(day, Unit.DAY, chinese);
      case "tomorrow":
        return span(day.plusDays(1), Unit.DAY, chinese);
      default:
        break;
    }
    if (m.group("n") != null) {
      String n = m.group("n").toLowerCase(Locale.ROOT);
      int count = Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) : NUMBERS.get(n);
      Unit unit = Unit.valueOf(m.group("u").toUpperCase(Locale.ROOT));
      return span(back(day, unit, count), unit, chinese);
    }
    int sign = "last".equalsIgnoreCase(m.group("dir")) ? -1 : 1;
    String what = m.group("what").toLowerCase(Locale.ROOT);
    return switch (what) {
      case "week", "weekend" -> span(back(day, Unit.WEEK, -sign), Unit.WEEK, chinese);
      case "month" -> span(back(day, Unit.MONTH, -sign), Unit.MONTH, chinese);
      case "year" -> span(back(day, Unit.YEAR, -sign), Unit.YEAR, chinese);
      default -> {
        DayOfWeek dow = DayOfWeek.valueOf(what.toUpperCase(Locale.ROOT));
        LocalDate d =
            sign < 0
                ? day.with(TemporalAdjusters.previous(dow))
                : day.with(TemporalAdjusters.next(dow));
        yield span(d, Unit.DAY, chinese);
      }
    };
  }

  private static TimeSpan chinese(Matcher m, LocalDate day) {
    String all = m.group(1);
    if (m.group("n") != null) {
      String n = m.group("n");
      int count = Character.isDigit(n.charAt(0)) ? Integer.parseInt(n) : NUMBERS.get(n);
      Unit unit =
          switch (m.group("u")) {
            case "天" -> Unit.DAY;
            case "周", "个星期" -> Unit.WEEK;
            case "个月" -> Unit.MONTH;
            default -> Unit.YEAR;
          };
      return span(back(day, unit, count), unit, true);
    }
    return switch (all) {
      case "昨天", "昨晚" -> span(day.minusDays(1), Unit.DAY, true);
      case "前天" -> span(day.minusDays(2), Unit.DAY, true);
      case "大前天" -> span(day.minusDays(3), Unit.DAY, true);
      case "今天", "今晚" -> span(day, Unit.DAY, true);
      case "明天" -> span(day.plusDays(1), Unit.DAY, true);
      case "后天" -> span(day.plusDays(2), Unit.DAY, true);
      case "去年" -> span(back(day, Unit.YEAR, 1), Unit.YEAR, true);
      case "前年" -> span(back(day, Unit.YEAR, 2), Unit.YEAR, true);
      case "明年" -> span(back(day, Unit.YEAR, -1), Unit.YEAR, true);
      default -> {
        boolean last = all.startsWith("上");
        boolean month = all.endsWith("月");
        Unit unit = month ? Unit.MONTH : Unit.WEEK;
        yield span(back(day, unit, last ? 1 : -1), unit, true);
      }
    };
  }

  private static LocalDate back(LocalDate day, Unit unit, int count) {
    return switch (unit) {
      case DAY -> day.minusDays(count);
      case WEEK -> day.minusWeeks(count);
      case MONTH -> day.minusMonths(count);
      case YEAR -> day.minusYears(count);
    };
  }

  private static TimeSpan span(LocalDate d, Unit unit, boolean chinese) {
    return switch (unit) {
      case DAY ->
          new TimeSpan(
              d,
              d,
              chinese
                  ? d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日"
                  : d.toString());
      case WEEK -> {
        LocalDate monday = d.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new TimeSpan(
            monday,
            monday.plusDays(6),
            chinese
                ? monday.getYear()
                    + "年"
                    + monday.getMonthValue()
                    + "月"
                    + monday.getDayOfMonth()
                    + "日那一周"
                : "week of " + monday);
      }
      case MONTH -> {
        LocalDate first = d.withDayOfMonth(1);
        yield new TimeSpan(
            first,
            first.plusMonths(1).minusDays(1),
            chinese
                ? d.getYear() + "年" + d.getMonthValue() + "月"
                : d.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + d.getYear());
      }
      case YEAR ->
          new TimeSpan(
              LocalDate.of(d.getYear(), 1, 1),
              LocalDate.of(d.getYear(), 12, 31),
              chinese ? d.getYear() + "年" : String.valueOf(d.getYear()));
    };
  }
}
