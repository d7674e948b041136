package io.membank.memory.extract;

import io.membank.contracts.MemoryType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline, deterministic extractor (the default): splits what the user said into sentences,
 * drops small talk and questions, keeps first-person statements in the user's own words and
 * language (English and Chinese rules), and tags type, importance, entities and slot by rules.
 */
public class BuiltInExtractor implements Extractor {

  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？；;])\\s*|\\n+");
  // "I live in X and I work at Y" holds two facts: split before a new first-person clause.
  private static final Pattern CLAUSE_START =
      Pattern.compile(",?\\s+(?:and|but)\\s+(?=(?:i|i'm|my)\\b)|，(?=我)", Pattern.CASE_INSENSITIVE);
  private static final Pattern FIRST_PERSON =
      Pattern.compile("\\b(i|i'm|i've|i'd|i'll|my|me|mine|we|our)\\b|我", FLAGS);
  private static final Pattern QUESTION =
      Pattern.compile(
          "[?？]$|^(what|how|why|when|where|who|which|can you|could you|would you|do you|are you|"
              + "is it|will you|should i)\\b|[吗呢]$",
          FLAGS);
  private static final Set<String> SMALL_TALK =
      Set.of(
          "hi",
          "hello",
          "hey",
          "thanks",
          "thank you",
          "thanks a lot",
          "ok",
          "okay",
          "bye",
          "goodbye",
          "good morning",
          "good night",
          "good evening",
          "sure",
          "yes",
          "no",
          "lol",
          "cool",
          "great",
          "nice",
          "i see",
          "i think so",
          "i don't know",
          "i dont know",
          "i'm fine",
          "im fine",
          "i'm good",
          "i am fine",
          "got it",
          "you're welcome",
          "你好",
          "您好",
          "谢谢",
          "谢谢你",
          "好的",
          "再见",
          "嗯",
          "哈哈",
          "早上好",
          "晚安",
          "我知道了",
          "我明白了",
          "我不知道",
          "没问题",
          "好");

  private static final Pattern HEALTH =
      Pattern.compile(
          "allerg|diabet|asthma|vegetarian|vegan|gluten|lactose|medication|pregnan|过敏|素食|糖尿病|哮喘|怀孕",
          FLAGS);
  private static final Pattern NAME =
      Pattern.compile(
          "\\bmy name is ([\\p{L}][\\p{L} .'-]{0,40})|\\bcall me"
              + " ([\\p{L}]+)|我叫([^，。！？,.!?\\s]{1,12})|我的名字是([^，。！？,.!?\\s]{1,12})",
          FLAGS);
  private static final Pattern LIVES_IN =
      Pattern.compile(
          "\\bi(?: now| still)? (?:live|am living|moved|have moved|relocated) (?:in|to) ([^,.!?;]+)"
              + "|\\bi(?:'m|’m| am) (?:now |still )?living in ([^,.!?;]+)"
              + "|我(?:现在|还是|一直|目前)?(?:住在|搬到了?|定居在)([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern WORKS_AT =
      Pattern.compile(
          "\\bi(?: now| still)? work (?:at|for) ([^,.!?;]+)"
              + "|\\bi(?:'m|’m| am) (?:now |still )?working (?:at|for) ([^,.!?;]+)"
              + "|\\bi (?:just )?joined ([^,.!?;]+)"
              + "|我(?:现在|还是|一直|目前)?在([^，。！？,.!?]+?)(?:工作|上班)",
          FLAGS);
  private static final Pattern AGE =
      Pattern.compile("\\bi(?:'m| am) (\\d{1,3}) years? old|我(?:今年)?(\\d{1,3})岁", FLAGS);
  private static final Pattern FAVORITE =
      Pattern.compile(
          "\\bmy favou?rite ([\\p{L} ]{1,30}?) is ([^,.!?;]+)|我最喜欢的([^，。！？是]{1,10})是([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern DISLIKES =
      Pattern.compile(
          "\\bi (?:really )?(?:don't|do not|no longer|don't really|never)"
              + " (?:like|love|enjoy|eat|drink) ([^,.!?;]+)|\\bi (?:hate|dislike|can't stand|cannot"
              + " stand) ([^,.!?;]+)"
              + "|我(?:现在|还是|一直)?(?:不喜欢|讨厌|不再喜欢|不爱|不吃|不喝|受不了)(?:吃|喝|玩|看|听|去)?([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern LIKES =
      Pattern.compile(
          "\\bi (?:really |also |absolutely |still )?(?:like|love|enjoy|prefer|adore) ([^,.!?;]+)"
              + "|我(?:现在|还是|一直)?(?:很|非常|也|特别|还是|真的)?(?:喜欢|爱|偏爱)(?:吃|喝|玩|看|听|去)?([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern PLAN =
      Pattern.compile(
          "\\b(?:going to|planning to|plan to|i will|i'll|want to|hope to|intend to|my"
              + " goal)\\b|打算|计划|准备|想要|目标",
          FLAGS);
  private static final Pattern RELATION_NAME =
      Pattern.compile(
          "\\bmy"
              + " (wife|husband|partner|son|daughter|mother|mom|father|dad|brother|sister|friend|boss|dog|cat)(?:'s"
              + " name is| is called| is named) ([\\p{L}]+)"
              + "|我的(妻子|丈夫|老婆|老公|儿子|女儿|妈妈|爸爸|哥哥|姐姐|弟弟|妹妹|朋友|老板|狗|猫)叫([^，。！？,.!?\\s]{1,12})",
          FLAGS);
  private static final Pattern RELATION =
      Pattern.compile(
          "\\bmy"
              + " (wife|husband|partner|son|daughter|children|kids|mother|mom|father|dad|brother|sister|friend|boss|colleague|dog|cat)\\b"
              + "|我的(妻子|丈夫|老婆|老公|儿子|女儿|孩子|妈妈|爸爸|哥哥|姐姐|弟弟|妹妹|朋友|老板|同事|狗|猫)",
          FLAGS);
  private static final Pattern EVENT =
      Pattern.compile(
          "\\b(yesterday|tomorrow|last (?:week|month|year|night)|next"
              + " (?:week|month|year)|tonight|on"
              + " (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b|昨天|明天|上周|下周|上个月|下个月|今晚",
          FLAGS);
  private static final Pattern EMPHASIS =
      Pattern.compile("\\b(always|never|every day|important)\\b|总是|从不|每天|重要", FLAGS);
  private static final Pattern PROPER_NAME =
      Pattern.compile("(?<![\\p{L}])([A-Z][\\p{L}0-9&'-]+(?:\\s+[A-Z][\\p{L}0-9&'-]+)*)");
  private static final Set<String> NOT_ENTITIES =
      Set.of(
          "I", "I'm", "I've", "I'd", "I'll", "My", "We", "We've", "We're", "We'll", "We'd", "Our",
          "The", "A", "An", "It", "It's", "This", "Let's");
  private static final Pattern ZH_PARTICLES = Pattern.compile("[了呀啊呢吧啦哦嘛]+$");
  private static final Pattern TRAILING_FILLER =
      Pattern.compile(
          "\\s+(anymore|any more|very much|a lot|so much|now|too|as well|these days|lately"
              + "|recently|today|yesterday|(?:last|this|next) (?:week|month|year))$",
          FLAGS);

  // "Maya: …" / "王芳：…" at the start of a line names who says it.
  private static final Pattern SPEAKER_PREFIX =
      Pattern.compile(
          "^\\s*([\\p{Lu}][\\p{L}'’-]{0,30}(?:"
              + " [\\p{Lu}][\\p{L}'’-]{0,30})?|\\p{IsHan}{2,4})\\s*[:：]\\s*(.+)$");
  private static final Set<String> NOT_SPEAKERS =
      Set.of(
          "note",
          "ps",
          "p.s",
          "update",
          "edit",
          "re",
          "q",
          "a",
          "question",
          "answer",
          "todo",
          "reminder",
          "summary",
          "news",
          "warning",
          "tip",
          "fyi",
          "注意",
          "提醒",
          "总结",
          "更新",
          "备注");
  // Small talk of a chat between two people: greetings, reactions, courtesies. Matched at the
  // start of a short sentence; they hold nothing worth remembering.
  private static final Pattern COURTESY =
      Pattern.compile(
          "^(?:congrat\\w*|thanks?\\b|thank you|bye|goodbye|good (?:night|morning|evening|luck|for"
              + " you|to hear|to see)|take care|(?:talk|see|catch)"
              + " (?:you|ya)?\\s*(?:soon|later)|let's catch up|i have to (?:run|go)|that(?:'s| is|"
              + " sounds) (?:so |really |very )?(?:great|amazing|awesome|cool|wonderful"
              + "|lovely|nice|fun|good|exciting|interesting|sweet|impressive|tough|sad|hard)|sounds"
              + " (?:great|lovely|amazing|fun|good|awesome|exciting)|(?:so|really) (?:happy|glad)"
              + " for you|i(?:'m| am) (?:so |really )?(?:happy|glad|proud) (?:for|of) you|i(?:'m|"
              + " am) (?:always )?here for you|i(?:'m| am) rooting for you|i(?:'m| am) staying"
              + " positive|i hope you\\b|hope you\\b|how (?:are|have|was|is)"
              + " (?:you|your|things|it)|(?:i've been|i'm|all|everything(?:'s)?)"
              + " (?:good|fine|great|well|ok)(?:,? (?:thanks|thank you))?(?: for"
              + " asking)?\\W*$|(?:busy|all fine|not bad|pretty good)\\b|great to"
              + " (?:chat|hear|see|talk)|it's been a while|nice to"
              + " (?:meet|see|hear|chat)|(?:you're|you are) (?:welcome|the best|amazing)|me"
              + " too|same here|i love (?:that|it|this)\\W*$|that means a lot|no worries)",
          FLAGS);
  private static final Pattern ZH_COURTESY =
      Pattern.compile(
          "^(?:你好|您好|嗨|哈喽|哈啰|哈哈|嘿|哇|太好了|太棒了|不错|好厉害|真厉害|真替你|真为你|加油|谢谢|多谢|听起来|真羡慕"
              + "|回头聊|再见|拜拜|保重|晚安|早安|改天再聊|下次聊|我一直都在|我会保持乐观|祝你|一切都好|还不错|挺好的|很高兴(?:又|再)?(?:聊|见|认识)"
              + "|好久不见|最近怎么样|最近好吗|没事|没关系|我也是|恭喜|辛苦了|.{0,6}过得(?:怎么样|如何))");
  // Interjections and a name in front of a sentence ("Hey Daniel,", "Wow!"): what follows decides.
  private static final Pattern INTERJECTION =
      Pattern.compile(
          "^(?:(?:hi|hey|hello|hiya|yo|dear|wow|oh|aw+|ha(?:ha)+|lol|omg|yay|well|ok|okay)\\b"
              + "[\\s,!.]*(?:[\\p{Lu}][\\p{L}]+\\b)?[\\s,!.]*)+",
          FLAGS);
  private static final Pattern ZH_NAME_GREETING = Pattern.compile("^\\p{IsHan}{1,3}(?:你好|您好)");
  private static final Pattern NOT_A_NAME = Pattern.compile("[我你他她它们的了是在]");
  // A sentence leaning on the one before it ("It's special to me.", 这对我意义很大).
  private static final Pattern DEPENDENT =
      Pattern.compile(
          "^(?:it|it's|its|this|that|that's|these|those|they|they're|he|she|which|so|also|there)\\b"
              + "|^(?:这|那|它|所以|而且|不过|但是)",
          FLAGS);
  private static final Pattern CJK_TEXT = Pattern.compile("\\p{IsHan}");
  private static final Pattern I_VERB =
      Pattern.compile(
          "\\bI\\b((?:\\s+(?:really|also|just|still|now|never|always|usually|often|absolutely"
              + "|recently|finally|actually|sometimes|honestly|truly|even|already))*)\\s+([A-Za-z'’]+)");
  private static final Set<String> KEEP_VERB =
      Set.of(
          "can",
          "can't",
          "cannot",
          "could",
          "couldn't",
          "will",
          "won't",
          "would",
          "wouldn't",
          "should",
          "shouldn't",
          "must",
          "might",
          "may",
          "did",
          "didn't",
          "was",
          "wasn't",
          "went",
          "got",
          "bought",
          "had",
          "saw",
          "made",
          "took",
          "ran",
          "came",
          "left",
          "found",
          "met",
          "began",
          "felt",
          "knew",
          "thought",
          "said",
          "told",
          "lost",
          "won",
          "ate",
          "drank",
          "wrote",
          "spent",
          "paid",
          "sold",
          "built",
          "became",
          "gave",
          "kept",
          "used",
          "hadn't",
          "flew",
          "drove",
          "swam",
          "sang",
          "taught",
          "brought",
          "caught",
          "heard",
          "sent",
          "slept");
  private static final Map<String, String> THIRD_PERSON =
      Map.of(
          "am", "is", "have", "has", "do", "does", "don't", "doesn't", "haven't", "hasn't", "go",
          "goes", "aren't", "isn't");

  @Override
  public Extraction extract(Exchange exchange) {
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (exchange.userText() == null) {
      return Extraction.offline(candidates, "builtin", MODEL);
    }
    LocalDate day = exchange.saidAt() == null ? null : exchange.saidAt().toLocalDate();
    for (String line : exchange.userText().split("\\n+")) {
      String speaker = exchange.speaker();
      String text = line;
      Matcher prefix = SPEAKER_PREFIX.matcher(line);
      if (prefix.matches()
          && !NOT_SPEAKERS.contains(prefix.group(1).toLowerCase(Locale.ROOT))
          && !NOT_A_NAME.matcher(prefix.group(1)).find()) {
        speaker = prefix.group(1);
        text = prefix.group(2);
      }
      Candidate previous = null;
      for (String sentence : sentences(text)) {
        if (isCourtesy(sentence)) {
          previous = null;
          continue;
        }
        if (previous != null
            && DEPENDENT.matcher(sentence.strip()).find()
            && !QUESTION.matcher(sentence.strip()).find()) {
          // Kept with the sentence it leans on, never on its own.
          Candidate joined =
              withContent(
                  previous,
                  previous.content() + join(previous.content()) + resolve(sentence, speaker));
          candidates.set(candidates.indexOf(previous), joined);
          previous = joined;
          continue;
        }
        Candidate raw = classify(sentence);
        if (raw == null && speaker != null && isStatement(sentence)) {
          // A named speaker's statement need not be in the first person ("Emma moved to Porto.").
          raw =
              new Candidate(
                  sentence.strip(),
                  MemoryType.FACT,
                  0.5,
                  List.copyOf(properNames(sentence)),
                  null,
                  null);
        }
        if (raw == null) {
          previous = null;
          continue;
        }
        Resolved r = standalone(sentence, speaker, day);
        List<String> entities = raw.entities();
        if (speaker != null && !entities.contains(speaker)) {
          entities = new ArrayList<>(entities);
          entities.add(0, speaker);
          entities = List.copyOf(entities);
        }
        Candidate c =
            new Candidate(
                r.text(),
                r.span() != null && raw.type() == MemoryType.FACT ? MemoryType.EVENT : raw.type(),
                raw.importance(),
                entities,
                raw.slot() == null || speaker == null
                    ? raw.slot()
                    : raw.slot() + "@" + speaker.toLowerCase(Locale.ROOT),
                raw.slotValue(),
                speaker,
                r.span());
        if (seen.add(c.content().toLowerCase(Locale.ROOT))) {
          candidates.add(c);
          previous = c;
        }
      }
    }
    return Extraction.offline(candidates, "builtin", MODEL);
  }

  /** The rules' version, reported as the model. */
  public static final String MODEL = "rules-v2";

  private record Resolved(String text, TimeSpan span) {}

  /**
   * The sentence as a memory that stands alone: a named speaker's first person resolved to the name
   * (or the name in front when it cannot be), and a relative date followed by its date.
   */
  private static Resolved standalone(String sentence, String speaker, LocalDate day) {
    String text = sentence.strip();
    boolean chinese = CJK_TEXT.matcher(text).find();
    TimeSpan span = null;
    if (day != null) {
      RelativeDates.Found found = RelativeDates.find(text, day, chinese);
      if (found != null) {
        span = found.span();
        String open = chinese ? "（" : " (";
        String close = chinese ? "）" : ")";
        text =
            text.substring(0, found.end())
                + open
                + span.label()
                + close
                + text.substring(found.end());
      }
    }
    if (speaker != null) {
      String resolved = resolve(text, speaker);
      text = resolved.contains(speaker) ? resolved : speaker + (chinese ? "：" : ": ") + text;
    }
    return new Resolved(text, span);
  }

  /** First person resolved to the speaker (nothing changes for the user themself). */
  private static String resolve(String sentence, String speaker) {
    String text = sentence.strip();
    if (speaker == null) {
      return text;
    }
    return CJK_TEXT.matcher(text).find()
        ? resolveChinese(text, speaker)
        : resolveEnglish(text, speaker);
  }

  static String resolveEnglish(String text, String name) {
    String t = text.replaceAll("\\b(?:I am|I'm|I’m)\\b", name + " is");
    t = t.replaceAll("\\b(?:I've|I’ve)\\b", name + " has");
    t = t.replaceAll("\\b(?:I'd|I’d)\\b", name + " would");
    t = t.replaceAll("\\b(?:I'll|I’ll)\\b", name + " will");
    Matcher m = I_VERB.matcher(t);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String verb = m.group(2);
      m.appendReplacement(
          out, Matcher.quoteReplacement(name + m.group(1) + " " + thirdPerson(verb)));
    }
    m.appendTail(out);
    t = out.toString().replaceAll("\\bI\\b", name);
    t = t.replaceAll("\\b[Mm]y\\b", name + "'s");
    t = t.replaceAll("\\b(?:me|myself)\\b", name);
    t = t.replaceAll("\\bmine\\b", name + "'s");
    return t;
  }

  private static String thirdPerson(String verb) {
    String lower = verb.toLowerCase(Locale.ROOT);
    if (THIRD_PERSON.containsKey(lower)) {
      return THIRD_PERSON.get(lower);
    }
    if (KEEP_VERB.contains(lower) || lower.endsWith("ed") || lower.endsWith("n't")) {
      return verb;
    }
    if (lower.matches(".*(?:s|sh|ch|x|z|o)")) {
      return verb + "es";
    }
    if (lower.matches(".*[^aeiou]y")) {
      return verb.substring(0, verb.length() - 1) + "ies";
    }
    return verb + "s";
  }

  static String resolveChinese(String text, String name) {
    return text.replace("我们", name + "他们").replace("咱们", name + "他们").replace("我", name);
  }

  private static String join(String previous) {
    return CJK_TEXT.matcher(previous).find() ? "" : " ";
  }

  private static Candidate withContent(Candidate c, String content) {
    return new Candidate(
        content,
        c.type(),
        c.importance(),
        c.entities(),
        c.slot(),
        c.slotValue(),
        c.subject(),
        c.occurred());
  }

  static boolean isCourtesy(String sentence) {
    String s = INTERJECTION.matcher(sentence.strip()).replaceFirst("").strip();
    String bare = s.replaceAll("[\\p{Punct}。！？，；：、\\s]+$", "").toLowerCase(Locale.ROOT);
    if (bare.isEmpty()
        || SMALL_TALK.contains(bare)
        || ZH_COURTESY.matcher(s).find()
        || ZH_NAME_GREETING.matcher(s).find()) {
      return true;
    }
    return COURTESY.matcher(s).find() && s.split("\\s+").length <= 12;
  }

  /** A declarative sentence of some substance: not a question, not a lone word. */
  private static boolean isStatement(String sentence) {
    String s = sentence.strip();
    if (QUESTION.matcher(s).find()) {
      return false;
    }
    String bare = s.replaceAll("[\\p{Punct}。！？，；：、]+$", "").strip();
    if (SMALL_TALK.contains(bare.toLowerCase(Locale.ROOT))) {
      return false;
    }
    return CJK_TEXT.matcher(bare).find()
        ? bare.codePointCount(0, bare.length()) >= 4
        : bare.split("\\s+").length >= 2;
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    if (text == null) {
      return out;
    }
    for (String sentence : SENTENCE_END.split(text.strip())) {
      for (String part : CLAUSE_START.split(sentence)) {
        String s = part.strip();
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    }
    return out;
  }

  /** The candidate a sentence yields, or null when it is not a durable first-person fact. */
  static Candidate classify(String sentence) {
    String bare = sentence.replaceAll("[\\p{Punct}。！？，；：、]+$", "").strip();
    String lower = bare.toLowerCase(Locale.ROOT);
    if (bare.codePointCount(0, bare.length()) < 2
        || SMALL_TALK.contains(lower)
        || QUESTION.matcher(sentence.strip()).find()
        || !FIRST_PERSON.matcher(bare).find()) {
      return null;
    }
    Set<String> entities = new LinkedHashSet<>(properNames(bare));
    MemoryType type = MemoryType.FACT;
    double importance = 0.5;
    String slot = null;
    String slotValue = null;

    Matcher m;
    if ((m = NAME.matcher(bare)).find()) {
      type = MemoryType.PERSONAL_INFO;
      importance = 0.8;
      slot = "name";
      slotValue = firstGroup(m);
      entities.add(slotValue);
    } else if ((m = LIVES_IN.matcher(bare)).find()) {
      type = MemoryType.PERSONAL_INFO;
      importance = 0.8;
      slot = "lives_in";
      slotValue = clean(firstGroup(m));
      entities.add(slotValue);
    } else if ((m = WORKS_AT.matcher(bare)).find()) {
      type = MemoryType.PERSONAL_INFO;
      importance = 0.8;
      slot = "works_at";
      slotValue = clean(firstGroup(m));
      entities.add(slotValue);
    } else if ((m = AGE.matcher(bare)).find()) {
      type = MemoryType.PERSONAL_INFO;
      importance = 0.7;
      slot = "age";
      slotValue = firstGroup(m);
    } else if ((m = RELATION_NAME.matcher(bare)).find()) {
      type = MemoryType.RELATIONSHIP;
      importance = 0.7;
      String[] pair = twoGroups(m);
      slot = "name_of:" + pair[0].toLowerCase(Locale.ROOT);
      slotValue = clean(pair[1]);
      entities.add(pair[1]);
    } else if ((m = FAVORITE.matcher(bare)).find()) {
      type = MemoryType.PREFERENCE;
      importance = 0.6;
      String[] pair = twoGroups(m);
      slot = "favorite:" + clean(pair[0]).toLowerCase(Locale.ROOT);
      slotValue = clean(pair[1]);
      entities.add(slotValue);
    } else if ((m = DISLIKES.matcher(bare)).find()) {
      type = MemoryType.PREFERENCE;
      importance = 0.6;
      String object = clean(firstGroup(m));
      slot = "likes:" + object.toLowerCase(Locale.ROOT);
      slotValue = "no";
      entities.add(object);
    } else if ((m = LIKES.matcher(bare)).find()) {
      type = MemoryType.PREFERENCE;
      importance = 0.6;
      String object = clean(firstGroup(m));
      slot = "likes:" + object.toLowerCase(Locale.ROOT);
      slotValue = "yes";
      entities.add(object);
    } else if (PLAN.matcher(bare).find()) {
      type = MemoryType.PLAN;
      importance = 0.7;
    } else if (RELATION.matcher(bare).find()) {
      type = MemoryType.RELATIONSHIP;
      importance = 0.7;
    } else if (EVENT.matcher(bare).find()) {
      type = MemoryType.EVENT;
      importance = 0.5;
    }
    if (HEALTH.matcher(bare).find()) {
      // Health facts outrank everything: forgetting an allergy is the costly mistake.
      type = slot == null ? MemoryType.HEALTH : type;
      importance = 0.9;
    }
    if (EMPHASIS.matcher(bare).find()) {
      importance = Math.min(1.0, importance + 0.1);
    }
    entities.removeIf(e -> e == null || e.isBlank());
    String value = slotValue == null ? null : slotValue.toLowerCase(Locale.ROOT);
    return new Candidate(sentence.strip(), type, importance, List.copyOf(entities), slot, value);
  }

  private static List<String> properNames(String text) {
    List<String> names = new ArrayList<>();
    Matcher m = PROPER_NAME.matcher(text);
    while (m.find()) {
      String name = m.group(1);
      boolean opens = m.start() == 0 || text.substring(0, m.start()).matches(".*[.!?:]\\s*$");
      if (!NOT_ENTITIES.contains(name) && !(opens && isSentenceStarter(name))) {
        names.add(name);
      }
    }
    return names;
  }

  private static boolean isSentenceStarter(String word) {
    String first = word.split("\\s+")[0];
    return NOT_ENTITIES.contains(first)
        || (!word.contains(" ") && COMMON_STARTERS.contains(first.toLowerCase(Locale.ROOT)));
  }

  // Capitalised only because they open a sentence ("Hi, I am Bob.", "Big news: …").
  private static final Set<String> COMMON_STARTERS =
      Set.of(
          "hi",
          "hey",
          "hello",
          "big",
          "yeah",
          "yes",
          "no",
          "wow",
          "oh",
          "thanks",
          "good",
          "great",
          "ok",
          "okay",
          "well",
          "so",
          "also",
          "and",
          "but",
          "just",
          "honestly",
          "nothing",
          "still",
          "these",
          "those",
          "there",
          "what",
          "when",
          "where",
          "why",
          "how",
          "today",
          "yesterday",
          "tomorrow",
          "last",
          "next",
          "everything",
          "congrats",
          "sounds",
          "that",
          "that's",
          "it's",
          "let's",
          "talk",
          "bye",
          "take",
          "haha",
          "lol",
          "sure",
          "maybe",
          "actually",
          "then",
          "now",
          "after",
          "before",
          "guess",
          "funny",
          "sadly",
          "luckily",
          "finally",
          "anyway",
          "nice",
          "cool",
          "awesome",
          "amazing",
          "love",
          "thank",
          "dear",
          "since",
          "once",
          "every");

  private static String firstGroup(Matcher m) {
    for (int i = 1; i <= m.groupCount(); i++) {
      if (m.group(i) != null) {
        return m.group(i).strip();
      }
    }
    return "";
  }

  private static String[] twoGroups(Matcher m) {
    for (int i = 1; i < m.groupCount(); i += 2) {
      if (m.group(i) != null) {
        return new String[] {m.group(i).strip(), m.group(i + 1).strip()};
      }
    }
    return new String[] {"", ""};
  }

  private static String clean(String value) {
    String v = ZH_PARTICLES.matcher(value.strip()).replaceAll("");
    Matcher filler = TRAILING_FILLER.matcher(v);
    while (filler.find()) {
      v = v.substring(0, filler.start()).strip();
      filler = TRAILING_FILLER.matcher(v);
    }
    return v;
  }
}
