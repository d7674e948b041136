package io.membank.memory.extract;

import io.membank.contracts.MemoryType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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
          "\\bmy name is ([\\p{L}][\\p{L} .'-]{0,40})|\\bcall me ([\\p{L}]+)|我叫([^，。！？,.!?\\s]{1,12})|我的名字是([^，。！？,.!?\\s]{1,12})",
          FLAGS);
  private static final Pattern LIVES_IN =
      Pattern.compile(
          "\\bi (?:now )?(?:live|am living|'m living|moved|have moved|relocated) (?:in|to) ([^,.!?;]+)"
              + "|我(?:现在)?(?:住在|搬到了?|定居在)([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern WORKS_AT =
      Pattern.compile(
          "\\bi (?:now )?(?:work|am working|'m working) (?:at|for) ([^,.!?;]+)"
              + "|\\bi (?:just )?joined ([^,.!?;]+)"
              + "|我(?:现在)?在([^，。！？,.!?]+?)(?:工作|上班)",
          FLAGS);
  private static final Pattern AGE =
      Pattern.compile("\\bi(?:'m| am) (\\d{1,3}) years? old|我(?:今年)?(\\d{1,3})岁", FLAGS);
  private static final Pattern FAVORITE =
      Pattern.compile(
          "\\bmy fav(?:ou)?rite ([\\p{L} ]{1,30}?) is ([^,.!?;]+)|我最喜欢的([^，。！？是]{1,10})是([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern DISLIKES =
      Pattern.compile(
          "\\bi (?:really )?(?:don't|do not|no longer|don't really|never) (?:like|love|enjoy|eat|drink) ([^,.!?;]+)"
              + "|\\bi (?:hate|dislike|can't stand|cannot stand) ([^,.!?;]+)"
              + "|我(?:不喜欢|讨厌|不再喜欢|不爱|不吃|不喝)([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern LIKES =
      Pattern.compile(
          "\\bi (?:really |also |absolutely |still )?(?:like|love|enjoy|prefer|adore) ([^,.!?;]+)"
              + "|我(?:很|非常|也|特别|还是)?(?:喜欢|爱|偏爱)(?:吃|喝|玩|看|听|去)?([^，。！？,.!?]+)",
          FLAGS);
  private static final Pattern PLAN =
      Pattern.compile(
          "\\b(?:going to|planning to|plan to|i will|i'll|want to|hope to|intend to|my goal)\\b|打算|计划|准备|想要|目标",
          FLAGS);
  private static final Pattern RELATION_NAME =
      Pattern.compile(
          "\\bmy (wife|husband|partner|son|daughter|mother|mom|father|dad|brother|sister|friend|boss|dog|cat)(?:'s name is| is called| is named) ([\\p{L}]+)"
              + "|我的(妻子|丈夫|老婆|老公|儿子|女儿|妈妈|爸爸|哥哥|姐姐|弟弟|妹妹|朋友|老板|狗|猫)叫([^，。！？,.!?\\s]{1,12})",
          FLAGS);
  private static final Pattern RELATION =
      Pattern.compile(
          "\\bmy (wife|husband|partner|son|daughter|children|kids|mother|mom|father|dad|brother|sister|friend|boss|colleague|dog|cat)\\b"
              + "|我的(妻子|丈夫|老婆|老公|儿子|女儿|孩子|妈妈|爸爸|哥哥|姐姐|弟弟|妹妹|朋友|老板|同事|狗|猫)",
          FLAGS);
  private static final Pattern EVENT =
      Pattern.compile(
          "\\b(yesterday|tomorrow|last (?:week|month|year|night)|next (?:week|month|year)|tonight|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\\b|昨天|明天|上周|下周|上个月|下个月|今晚",
          FLAGS);
  private static final Pattern EMPHASIS =
      Pattern.compile("\\b(always|never|every day|important)\\b|总是|从不|每天|重要", FLAGS);
  private static final Pattern PROPER_NAME =
      Pattern.compile("(?<![\\p{L}])([A-Z][\\p{L}0-9&'-]+(?:\\s+[A-Z][\\p{L}0-9&'-]+)*)");
  private static final Set<String> NOT_ENTITIES =
      Set.of("I", "I'm", "I've", "I'd", "I'll", "My", "We", "Our", "The", "A", "An", "It", "This");
  private static final Pattern TRAILING_FILLER =
      Pattern.compile(
          "\\s+(anymore|any more|very much|a lot|so much|now|too|as well|these days|lately"
              + "|recently|today|yesterday|(?:last|this|next) (?:week|month|year))$",
          FLAGS);

  @Override
  public Extraction extract(Exchange exchange) {
    List<Candidate> candidates = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String sentence : sentences(exchange.userText())) {
      Candidate candidate = classify(sentence);
      if (candidate != null && seen.add(sentence.toLowerCase(Locale.ROOT))) {
        candidates.add(candidate);
      }
    }
    return Extraction.offline(candidates, "builtin", "rules-v1");
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
      slotValue = pair[1];
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
      if (!NOT_ENTITIES.contains(name) && !(m.start() == 0 && isSentenceStarter(name))) {
        names.add(name);
      }
    }
    return names;
  }

  private static boolean isSentenceStarter(String word) {
    return NOT_ENTITIES.contains(word.split("\\s+")[0]);
  }

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
    String v = value.strip();
    Matcher filler = TRAILING_FILLER.matcher(v);
    while (filler.find()) {
      v = v.substring(0, filler.start()).strip();
      filler = TRAILING_FILLER.matcher(v);
    }
    return v;
  }
}
