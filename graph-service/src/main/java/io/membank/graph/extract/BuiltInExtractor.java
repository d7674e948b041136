package io.membank.graph.extract;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Offline extraction by patterns, English and Chinese: first-person statements ("I work at X",
 * "我在X工作", "I like X", "我喜欢X", "I live in X", "my friend X", "我的朋友X"), events ("a product meeting",
 * "开产品会议"), dates resolved against the memory's time ("tomorrow", "明天", "next Monday", "11月26日"),
 * names the {@link KnowledgeTable} knows, and names the memory already carries. It favours
 * precision: a statement it cannot read yields mentions, not invented relationships.
 */
public class BuiltInExtractor implements Extractor {

  static final double STATED = 0.9;
  static final double EVENT = 0.85;
  static final double KNOWN_NAME = 0.8;
  static final double NAMED_BY_MEMORY = 0.7;
  static final double IMPLIED = 0.5;
  private static final int CONTEXT_MAX = 200;

  /** One first-person statement pattern: group "obj" is the other end of the relationship. */
  private record Statement(Pattern pattern, String label, EntityType objectType) {}

  private static final String EN_OBJ = "(?<obj>[^.,;!?\\n]{1,80})";
  private static final String ZH_STOP = "，。,.!！？?；;、\\s";
  private static final String ZH_OBJ = "(?<obj>[^" + ZH_STOP + "]{1,20}?)";
  // Time words between 我 and the verb ("我去年搬到了南京"), and the end of a "在X工作" phrase, so
  // that "在青橙工作室工作" reads 青橙工作室, not 青橙.
  private static final String ZH_WHEN = "(?:现在|目前|一直|最近|刚刚?|已经|还是|昨天|前天|今天|上周|上个?月|去年|今年|前年)*";
  private static final String ZH_END = "(?=[" + ZH_STOP + "]|$|了|呢|啊)";

  private static final List<Statement> STATEMENTS =
      List.of(
          // Negations first: "I don't like X" must not read as "I like X".
          en("I\\s+(?:really\\s+)?(?:don'?t|do not|never)\\s+(?:like|enjoy)", "dislikes"),
          en("I\\s+(?:really\\s+)?(?:hate|dislike|can'?t stand)", "dislikes"),
          en(
              "I\\s+(?:really\\s+|also\\s+|just\\s+)?(?:love|like|enjoy|prefer|adore)"
                  + "(?:\\s+(?:to\\s+)?(?:drink|drinking|eat|eating|play|playing|watch|watching"
                  + "|read|reading|go|going))?",
              "prefers"),
          en(
              "I(?:\\s+now|\\s+currently)?\\s+(?:work|am working|'m working)\\s+(?:at|for)",
              "works at",
              EntityType.ORGANIZATION),
          en(
              "I(?:'m|\\s+am)\\s+an?\\s+(?:\\w+\\s+)?student\\s+at",
              "studies at",
              EntityType.ORGANIZATION),
          en("I(?:'m|\\s+am)\\s+an?\\s+[\\w -]{1,40}?\\s+at", "works at", EntityType.ORGANIZATION),
          en("I\\s+(?:have\\s+)?joined", "works at", EntityType.ORGANIZATION),
          en("I\\s+(?:study|am studying|'m studying)\\s+at", "studies at", EntityType.ORGANIZATION),
          en(
              "I(?:\\s+now|\\s+currently)?\\s+(?:live|am living|'m living)\\s+in",
              "lives in",
              EntityType.PLACE),
          en("I\\s+(?:have\\s+)?(?:just\\s+)?moved\\s+to", "lives in", EntityType.PLACE),
          zh("我" + ZH_WHEN + "在", "(?:工作|上班|任职|实习)" + ZH_END, "works at", EntityType.ORGANIZATION),
          zh(
              "我" + ZH_WHEN + "在",
              "(?:读书|上学|读研|读博|念书)" + ZH_END,
              "studies at",
              EntityType.ORGANIZATION),
          zh("我" + ZH_WHEN + "(?:住在|生活在|搬到了?|搬去了?)", "", "lives in", EntityType.PLACE),
          zh("我(?:很|也|真的|一直|最)?(?:不喜欢|不爱|讨厌|受不了)(?:喝|吃|看|玩|听|读)?", "", "dislikes", null),
          zh("我(?:很|非常|特别|也|最|真的|一直)?(?:喜欢|爱|热爱|喜爱|偏爱)(?:喝|吃|看|玩|听|读|去)?", "", "prefers", null));

  private static final Pattern EN_RELATIVE =
      Pattern.compile(
          "(?i)\\bmy\\s+(?<rel>best friend|friend|colleague|coworker|co-worker|boss|manager|wife"
              + "|husband|partner|brother|sister|mother|mom|father|dad|son|daughter|girlfriend"
              + "|boyfriend|roommate|teacher)\\s*,?\\s+(?-i:(?<name>[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?))");
  private static final Pattern EN_MET =
      Pattern.compile(
          "(?i)\\bI\\s+(?:met|know|called|visited|saw)\\s+(?-i:(?<name>[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?))");
  private static final Pattern EN_SELF =
      Pattern.compile(
          "(?i)\\b(?:i am|i'm|my name"
              + " is)\\s+(?-i:(?<name>[A-Z][a-z]+(?:\\s+[A-Z][a-z]+)?))(?=\\s*[.!,;]|\\s*$)");
  private static final Pattern EN_THIRD_PLACE =
      Pattern.compile(
          "\\b(?:lives|lived|moved|relocated)\\s+(?:in|to)\\s+(?<obj>[A-Z][\\p{L}-]+(?:\\s+[A-Z][\\p{L}-]+){0,2})");
  private static final Pattern ZH_THIRD_ORG =
      Pattern.compile(
          "(?<!我)(?<!我现在)在(?<obj>[\\u4e00-\\u9fff]{2,10}?)(?:工作|上班|任职)(?=["
              + ZH_STOP
              + "]|$|了|呢|啊)");
  private static final Pattern ZH_RELATIVE =
      Pattern.compile(
          "我的?(?<rel>好朋友|朋友|同事|老板|领导|妻子|老婆|丈夫|老公|哥哥|姐姐|弟弟|妹妹|妈妈|爸爸|母亲|父亲"
              + "|儿子|女儿|男朋友|女朋友|室友|老师)(?:是|叫)?(?<name>[\\u4e00-\\u9fff]{2,3}?)"
              + "(?=["
              + ZH_STOP
              + "]|$|是|在|和|喜欢|住|也|的|说|要|会|去|很)");
  private static final Pattern EN_EVENT =
      Pattern.compile(
          "(?i)\\b(?<event>(?:[a-z][\\w-]*\\s+){0,3}?(?:meeting|conference|interview|appointment"
              + "|party|wedding|workshop|exam|standup|stand-up|seminar|presentation|dinner|trip"
              + "|concert))\\b");
  private static final Pattern ZH_EVENT =
      Pattern.compile(
          "(?:开|参加|有|去|出席|举行|召开|准备)了?(?:个|一个|一场|场)?(?<event>[\\u4e00-\\u9fff]{0,6}?"
              + "(?:会议|例会|年会|面试|聚会|婚礼|考试|讲座|培训|约会|晚宴|派对|演讲|旅行|音乐会))");
  private static final Pattern EN_ORG_SUFFIX =
      Pattern.compile(
          "\\b(?<org>(?:[A-Z][\\w&'-]*\\s+){1,4}(?:Inc|Corp|Corporation|Ltd|LLC|GmbH|University"
              + "|College|Bank|Hospital|Institute))\\b");
  private static final Pattern ZH_ORG_SUFFIX =
      Pattern.compile("(?<org>[\\u4e00-\\u9fff]{2,8}?(?:公司|集团|大学|银行|医院|研究院|研究所))");
  private static final Pattern EN_DATE =
      Pattern.compile(
          "(?i)\\b(?<when>the day after tomorrow|tomorrow|today|tonight|yesterday"
              + "|(?:next|this|on)\\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
              + "|\\d{4}-\\d{2}-\\d{2}"
              + "|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?\\s+\\d{1,2}"
              + "(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?)\\b");
  private static final Pattern ZH_DATE =
      Pattern.compile(
          "(?<when>大后天|后天|明天|今天|今晚|明早|明晚|昨天|前天"
              + "|下(?:周|星期|礼拜)[一二三四五六日天]|(?:周|星期|礼拜)[一二三四五六日天]"
              + "|(?:\\d{4}年)?\\d{1,2}月\\d{1,2}[日号])");

  private static final Set<String> EN_DETERMINERS =
      Set.of("the", "a", "an", "my", "our", "some", "his", "her", "their", "your", "this", "that");
  private static final Set<String> EN_CUT =
      Set.of(
          "in",
          "on",
          "at",
          "with",
          "when",
          "because",
          "and",
          "but",
          "every",
          "from",
          "for",
          "since",
          "during",
          "so",
          "very",
          "too",
          "now",
          "today",
          "tomorrow",
          "yesterday",
          "there",
          "here",
          "which",
          "who",
          "a",
          "lot",
          "much",
          "more",
          "than",
          "as",
          "all",
          "of",
          "or",
          "after",
          "before",
          "while",
          "if",
          "again",
          "anymore",
          "either",
          "to",
          // "I moved to Hamburg last week": the place ends where the time begins.
          "last",
          "next",
          "this",
          "ago",
          "recently",
          "lately",
          "earlier",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "several",
          "few");
  private static final Set<String> EN_PRONOUNS =
      Set.of("it", "them", "this", "that", "him", "her", "you", "me", "us", "things", "stuff");
  private static final Set<String> EN_EVENT_NOISE =
      Set.of(
          "a",
          "an",
          "the",
          "my",
          "our",
          "have",
          "has",
          "had",
          "having",
          "will",
          "to",
          "attend",
          "attending",
          "go",
          "going",
          "i",
          "we",
          "is",
          "am",
          "are",
          "with",
          "tomorrow",
          "today",
          "tonight",
          "next",
          "this",
          "on",
          "at",
          "in",
          "for",
          "got",
          "'ve",
          "need",
          "important",
          "big",
          "there",
          "s",
          "of",
          "and",
          "it",
          "be",
          "was",
          "were",
          "yesterday");
  private static final Set<String> EN_PREFERENCE_VERBS =
      Set.of("love", "like", "enjoy", "hate", "dislike", "prefer", "avoid", "skip", "miss", "hold");
  private static final Set<String> ZH_PRONOUNS =
      Set.of("你", "他", "她", "它", "你们", "他们", "她们", "我们", "这个", "那个", "这些", "那些");
  private static final Set<String> NOT_NAMES =
      Set.of(
          "Monday",
          "Tuesday",
          "Wednesday",
          "Thursday",
          "Friday",
          "Saturday",
          "Sunday",
          "I",
          "Today",
          "Tomorrow");
  private static final Pattern ZH_TRAILING_PARTICLES = Pattern.compile("[了的呢啊吧哦呀嘛啦]+$");

  private final KnowledgeTable knowledge;

  public BuiltInExtractor() {
    this(KnowledgeTable.builtIn());
  }

  BuiltInExtractor(KnowledgeTable knowledge) {
    this.knowledge = knowledge;
  }

  @Override
  public Extraction extract(ExtractionInput input) {
    Found found = new Found(input.content());
    String text = input.content();
    statements(text, found);
    relatives(text, found);
    namesAndPlaces(text, found);
    events(text, found);
    organisations(text, found);
    List<String> dates = dates(text, input.referenceTime(), found);
    for (String event : found.events) {
      for (String date : dates) {
        found.relation(event, "scheduled on", date, STATED);
      }
    }
    knownNames(text, found);
    for (String name : input.knownEntities()) {
      if (name != null && !name.isBlank()) {
        KnowledgeTable.Entry known = knowledge.lookup(name);
        found.entity(
            name.strip(),
            known == null ? EntityType.CONCEPT : known.type(),
            NAMED_BY_MEMORY,
            "named by memory-service");
      }
    }
    implied(found);
    return new Extraction(List.copyOf(found.entities.values()), found.relations, null);
  }

  private void statements(String text, Found found) {
    for (Statement s : STATEMENTS) {
      Matcher m = s.pattern().matcher(text);
      while (m.find()) {
        if (found.claimed(m.start(), m.end())) {
          continue;
        }
        String object = cleanObject(m.group("obj"));
        if (object == null) {
          continue;
        }
        found.claim(m.start(), m.end());
        KnowledgeTable.Entry known = knowledge.lookup(object);
        EntityType type =
            known != null
                ? known.type()
                : s.objectType() != null ? s.objectType() : EntityType.CONCEPT;
        found.entity(object, type, STATED, found.sentenceAround(m.start()));
        found.userRelation(s.label(), object, STATED);
      }
    }
  }

  /**
   * "Hi, I am Bob." names the user; "Lena lives in Hamburg", "姐姐在晨报社上班" name a place and a
   * workplace.
   */
  private void namesAndPlaces(String text, Found found) {
    Matcher self = EN_SELF.matcher(text);
    while (self.find()) {
      if (!NOT_NAMES.contains(self.group("name")) && knowledge.lookup(self.group("name")) == null) {
        found.entity(
            self.group("name"), EntityType.PERSON, STATED, found.sentenceAround(self.start()));
      }
    }
    for (Pattern p : List.of(EN_THIRD_PLACE, ZH_THIRD_ORG)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        if (found.claimed(m.start("obj"), m.end("obj"))) {
          continue;
        }
        KnowledgeTable.Entry known = knowledge.lookup(m.group("obj"));
        EntityType type =
            known != null
                ? known.type()
                : p == ZH_THIRD_ORG ? EntityType.ORGANIZATION : EntityType.PLACE;
        found.entity(m.group("obj"), type, STATED, found.sentenceAround(m.start()));
      }
    }
  }

  private void relatives(String text, Found found) {
    for (Pattern p : List.of(EN_RELATIVE, ZH_RELATIVE)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        String name = m.group("name");
        if (NOT_NAMES.contains(name)) {
          continue;
        }
        found.entity(name, EntityType.PERSON, STATED, found.sentenceAround(m.start()));
        found.userRelation(m.group("rel").toLowerCase(Locale.ROOT), name, STATED);
      }
    }
    Matcher met = EN_MET.matcher(text);
    while (met.find()) {
      String name = met.group("name");
      if (!NOT_NAMES.contains(name) && knowledge.lookup(name) == null) {
        found.entity(name, EntityType.PERSON, STATED, found.sentenceAround(met.start()));
        found.userRelation("knows", name, 0.7);
      }
    }
  }

  private void events(String text, Found found) {
    Matcher zh = ZH_EVENT.matcher(text);
    while (zh.find()) {
      addEvent(zh.group("event"), zh.start(), found);
    }
    int meet = text.indexOf("开会");
    if (meet >= 0) {
      addEvent("会议", meet, found);
    }
    Matcher en = EN_EVENT.matcher(text);
    while (en.find()) {
      List<String> words =
          new ArrayList<>(Arrays.asList(en.group("event").toLowerCase(Locale.ROOT).split("\\s+")));
      // Keep the noun phrase: drop leading verbs, articles and time words ("have a", "tomorrow").
      while (words.size() > 1 && EN_EVENT_NOISE.contains(words.get(0))) {
        words.remove(0);
      }
      if (words.size() > 1 && EN_PREFERENCE_VERBS.contains(words.get(words.size() - 2))) {
        continue; // "I love meeting people": a gerund, not an event
      }
      while (words.size() > 1 && EN_PREFERENCE_VERBS.contains(words.get(0))) {
        words.remove(0);
      }
      addEvent(String.join(" ", words), en.start(), found);
    }
  }

  private void addEvent(String event, int at, Found found) {
    found.entity(event, EntityType.EVENT, EVENT, found.sentenceAround(at));
    found.userRelation("participates in", event, EVENT);
    found.events.add(event);
  }

  private void organisations(String text, Found found) {
    for (Pattern p : List.of(EN_ORG_SUFFIX, ZH_ORG_SUFFIX)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        found.entity(
            m.group("org").strip(),
            EntityType.ORGANIZATION,
            KNOWN_NAME,
            found.sentenceAround(m.start()));
      }
    }
  }

  private List<String> dates(String text, OffsetDateTime reference, Found found) {
    LocalDate today =
        (reference == null ? OffsetDateTime.now(ZoneOffset.UTC) : reference).toLocalDate();
    List<String> out = new ArrayList<>();
    for (Pattern p : List.of(EN_DATE, ZH_DATE)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        LocalDate date = resolve(m.group("when"), today);
        if (date == null) {
          continue;
        }
        String iso = date.toString();
        found.entity(iso, EntityType.DATE, STATED, m.group("when"));
        if (!out.contains(iso)) {
          out.add(iso);
        }
      }
    }
    return out;
  }

  /** The calendar day a date expression means, written on {@code today}; null if unreadable. */
  static LocalDate resolve(String when, LocalDate today) {
    String w = when.toLowerCase(Locale.ROOT).strip();
    switch (w) {
      case "today", "tonight", "今天", "今晚" -> {
        return today;
      }
      case "tomorrow", "明天", "明早", "明晚" -> {
        return today.plusDays(1);
      }
      case "the day after tomorrow", "后天" -> {
        return today.plusDays(2);
      }
      case "大后天" -> {
        return today.plusDays(3);
      }
      case "yesterday", "昨天" -> {
        return today.minusDays(1);
      }
      case "前天" -> {
        return today.minusDays(2);
      }
      default -> {
        // fall through to the patterns below
      }
    }
    Matcher zhWeek = Pattern.compile("(下)?(?:周|星期|礼拜)([一二三四五六日天])").matcher(w);
    if (zhWeek.matches()) {
      DayOfWeek day = DayOfWeek.of("一二三四五六日".indexOf(zhWeek.group(2).replace('天', '日')) + 1);
      if (zhWeek.group(1) != null) {
        return today.with(TemporalAdjusters.next(DayOfWeek.MONDAY)).with(day);
      }
      return today.with(TemporalAdjusters.nextOrSame(day));
    }
    Matcher enWeek = Pattern.compile("(next|this|on)\\s+(\\w+day)").matcher(w);
    if (enWeek.matches()) {
      DayOfWeek day = DayOfWeek.valueOf(enWeek.group(2).toUpperCase(Locale.ROOT));
      return today.with(TemporalAdjusters.next(day));
    }
    Matcher zhDate = Pattern.compile("(?:(\\d{4})年)?(\\d{1,2})月(\\d{1,2})[日号]").matcher(w);
    if (zhDate.matches()) {
      return date(zhDate.group(1), zhDate.group(2), zhDate.group(3), today);
    }
    Matcher enMonth =
        Pattern.compile("([a-z]{3})[a-z]*\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?")
            .matcher(w);
    if (enMonth.matches()) {
      int month =
          List.of(
                      "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                      "dec")
                  .indexOf(enMonth.group(1))
              + 1;
      return month == 0
          ? null
          : date(enMonth.group(3), String.valueOf(month), enMonth.group(2), today);
    }
    try {
      return LocalDate.parse(w);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static LocalDate date(String year, String month, String day, LocalDate today) {
    try {
      LocalDate d =
          LocalDate.of(
              year == null ? today.getYear() : Integer.parseInt(year),
              Integer.parseInt(month),
              Integer.parseInt(day));
      // "11月26日" without a year is the next such day, not one in the past.
      return year == null && d.isBefore(today.minusDays(1)) ? d.plusYears(1) : d;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private void knownNames(String text, Found found) {
    for (KnowledgeTable.Hit hit : knowledge.find(text)) {
      String surface = EntityKeys.normalize(hit.surface());
      if (found.entities.keySet().stream()
          .map(EntityKeys.Key::key)
          .anyMatch(k -> k.length() > surface.length() && k.contains(surface))) {
        continue; // "chocolate" inside "dark chocolate": the longer name stands
      }
      found.entity(
          hit.surface(), hit.entry().type(), KNOWN_NAME, found.sentenceAround(hit.start()));
    }
  }

  /** Entities the knowledge table links to what the memory mentions ("Starbucks" → coffee). */
  private void implied(Found found) {
    for (ExtractedEntity e : List.copyOf(found.entities.values())) {
      KnowledgeTable.Entry entry = knowledge.lookup(e.name());
      if (entry == null) {
        continue;
      }
      for (KnowledgeTable.Link link : entry.links()) {
        KnowledgeTable.Entry target = knowledge.byKey(link.targetKey());
        if (target == null) {
          continue;
        }
        String name = target.nameFor(Scripts.hasCjk(e.name()));
        found.entity(
            name,
            target.type(),
            IMPLIED,
            "built-in knowledge: " + entry.aliases().get(0) + " " + link.label() + " " + name);
        found.relation(e.name(), link.label(), name, IMPLIED);
      }
    }
  }

  /** The object of a statement, trimmed to its noun phrase; null if there is none. */
  static String cleanObject(String raw) {
    if (raw == null) {
      return null;
    }
    String s = raw.strip();
    if (Scripts.hasCjk(s)) {
      s = ZH_TRAILING_PARTICLES.matcher(s).replaceAll("");
      // "我最喜欢的咖啡是…" does not read as "I like X": leave it to the known names.
      return s.isBlank() || s.startsWith("的") || ZH_PRONOUNS.contains(s) ? null : s;
    }
    List<String> words = new ArrayList<>(Arrays.asList(s.split("\\s+")));
    while (!words.isEmpty() && EN_DETERMINERS.contains(words.get(0).toLowerCase(Locale.ROOT))) {
      words.remove(0);
    }
    List<String> kept = new ArrayList<>();
    for (String w : words) {
      String bare = w.replaceAll("[^\\p{L}\\p{N}'&-]", "");
      if (bare.isEmpty()
          || (!kept.isEmpty() && EN_CUT.contains(bare.toLowerCase(Locale.ROOT)))
          || kept.size() == 4) {
        break;
      }
      kept.add(bare);
    }
    if (kept.isEmpty() || EN_PRONOUNS.contains(kept.get(0).toLowerCase(Locale.ROOT))) {
      return null;
    }
    return String.join(" ", kept);
  }

  private static Statement en(String verb, String label) {
    return en(verb, label, null);
  }

  private static Statement en(String verb, String label, EntityType type) {
    return new Statement(Pattern.compile("(?i)\\b" + verb + "\\s+" + EN_OBJ), label, type);
  }

  private static Statement zh(String before, String after, String label, EntityType type) {
    String end = after.isEmpty() ? "(?=[" + ZH_STOP + "]|$)" : after;
    return new Statement(Pattern.compile(before + ZH_OBJ + end), label, type);
  }

  /** What has been found so far in one text, deduplicated by entity key. */
  private static final class Found {
    final String text;
    final Map<EntityKeys.Key, ExtractedEntity> entities = new LinkedHashMap<>();
    final List<ExtractedRelation> relations = new ArrayList<>();
    final List<String> events = new ArrayList<>();
    final boolean[] claimed;

    Found(String text) {
      this.text = text;
      this.claimed = new boolean[text.length()];
    }

    boolean claimed(int start, int end) {
      for (int i = start; i < end; i++) {
        if (claimed[i]) {
          return true;
        }
      }
      return false;
    }

    void claim(int start, int end) {
      Arrays.fill(claimed, start, end, true);
    }

    /** Adds an entity unless one with the same key is there already (the first one wins). */
    void entity(String name, EntityType type, double confidence, String context) {
      EntityKeys.Key key = EntityKeys.of(name, type);
      if (key.key().isEmpty()) {
        return;
      }
      for (EntityKeys.Key existing : entities.keySet()) {
        if (existing.key().equals(key.key())) {
          return;
        }
      }
      entities.put(key, new ExtractedEntity(name, key.type(), confidence, context));
    }

    void userRelation(String label, String target, double strength) {
      relations.add(ExtractedRelation.fromUser(label, target, strength));
    }

    void relation(String source, String label, String target, double strength) {
      relations.add(new ExtractedRelation(source, label, target, strength));
    }

    /** The sentence around a position, bounded. */
    String sentenceAround(int at) {
      int start = at;
      while (start > 0 && ".!?。！？\n".indexOf(text.charAt(start - 1)) < 0) {
        start--;
      }
      int end = at;
      while (end < text.length() && ".!?。！？\n".indexOf(text.charAt(end)) < 0) {
        end++;
      }
      if (end < text.length()) {
        end++;
      }
      String s = text.substring(start, end).strip();
      return s.length() <= CONTEXT_MAX ? s : s.substring(0, CONTEXT_MAX) + "…";
    }
  }
}
