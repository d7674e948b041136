package io.membank.memory.decide;

import io.membank.memory.extract.Candidate;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Decides ADD / UPDATE / INVALIDATE / NOOP for each candidate against the user's current memories:
 * exact (normalized) duplicates are no-ops, a new value in an occupied single-valued slot of the
 * same subject is a contradiction, and near-identical wording about the same subject with the same
 * objects is a merge. Facts that differ in what they are about — another name, place, number or
 * date, or another speaker — are never merged: wording shared alone proves nothing ("I visited
 * Town1" and "I visited Town2" are two facts). Pure logic: no I/O.
 */
public final class DecisionEngine {

  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final Pattern CJK = Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]");

  private final double similarityThreshold;

  /**
   * An engine that treats wording at or above {@code similarityThreshold} (0..1) as the same fact.
   */
  public DecisionEngine(double similarityThreshold) {
    this.similarityThreshold = similarityThreshold;
  }

  /**
   * Decisions for the candidates, in order; each decision is applied to the working set before the
   * next candidate is considered, so facts within one job see each other.
   */
  public List<Decision> decide(
      List<Candidate> candidates,
      List<Known> current,
      MergeStrategy strategy,
      boolean skipDuplicates) {
    List<Known> working = new ArrayList<>(current);
    List<Decision> decisions = new ArrayList<>();
    for (Candidate c : candidates) {
      String normalized = normalize(c.content());
      Known duplicate = find(working, k -> k.normalized().equals(normalized));
      if (duplicate != null) {
        decisions.add(
            skipDuplicates
                ? new Decision(Decision.Event.NOOP, c, duplicate.id(), "already known")
                : new Decision(Decision.Event.UPDATE, c, duplicate.id(), "restated; refreshed"));
        continue;
      }
      Known sameSlot = c.slot() == null ? null : find(working, k -> c.slot().equals(k.slot()));
      if (sameSlot != null && !Objects.equals(sameSlot.slotValue(), c.slotValue())) {
        if (strategy == MergeStrategy.skip) {
          decisions.add(
              new Decision(
                  Decision.Event.NOOP, c, sameSlot.id(), "contradicts a kept memory (skip)"));
          continue;
        }
        decisions.add(
            new Decision(
                Decision.Event.INVALIDATE, c, sameSlot.id(), "contradicted by a newer statement"));
        working.remove(sameSlot);
        add(decisions, working, c, normalized, "replaces a contradicted memory");
        continue;
      }
      Known similar = sameSlot != null ? sameSlot : best(working, c, normalized);
      if (similar != null) {
        switch (strategy) {
          case skip ->
              decisions.add(
                  new Decision(Decision.Event.NOOP, c, similar.id(), "similar memory kept (skip)"));
          case replace -> {
            decisions.add(
                new Decision(
                    Decision.Event.INVALIDATE, c, similar.id(), "replaced by newer wording"));
            working.remove(similar);
            add(decisions, working, c, normalized, "replaces a similar memory");
          }
          case merge -> {
            decisions.add(
                new Decision(Decision.Event.UPDATE, c, similar.id(), "same fact, newer wording"));
            working.remove(similar);
            working.add(new Known(similar.id(), normalized, c.slot(), c.slotValue()));
          }
        }
        continue;
      }
      add(decisions, working, c, normalized, "new fact");
    }
    return decisions;
  }

  /** An ADD gets its memory id now, so later candidates of the same job can refer to it. */
  private static void add(
      List<Decision> decisions, List<Known> working, Candidate c, String normalized, String why) {
    UUID id = UUID.randomUUID();
    decisions.add(new Decision(Decision.Event.ADD, c, id, why));
    working.add(new Known(id, normalized, c.slot(), c.slotValue()));
  }

  /** Lower case, accents and punctuation removed, single spaces: the form duplicates share. */
  public static String normalize(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return NOT_WORD.matcher(folded).replaceAll(" ").strip();
  }

  /** Jaccard similarity of word tokens (Latin) plus character bigrams (CJK). */
  static double similarity(String a, String b) {
    Set<String> ta = tokens(a);
    Set<String> tb = tokens(b);
    if (ta.isEmpty() || tb.isEmpty()) {
      return 0;
    }
    Set<String> union = new HashSet<>(ta);
    union.addAll(tb);
    Set<String> both = new HashSet<>(ta);
    both.retainAll(tb);
    return (double) both.size() / union.size();
  }

  private static Set<String> tokens(String normalized) {
    Set<String> tokens = new HashSet<>();
    for (String word : normalized.split(" ")) {
      if (CJK.matcher(word).find()) {
        int[] cps = word.codePoints().toArray();
        for (int i = 0; i < cps.length; i++) {
          tokens.add(i + 1 < cps.length ? new String(cps, i, 2) : new String(cps, i, 1));
        }
      } else if (!word.isEmpty()) {
        tokens.add(word);
      }
    }
    return tokens;
  }

  private Known best(List<Known> working, Candidate c, String normalized) {
    Known best = null;
    double bestScore = similarityThreshold;
    for (Known k : working) {
      if (!sameSubject(c, k) || !sameObjects(k.normalized(), normalized)) {
        continue;
      }
      double score = similarity(k.normalized(), normalized);
      if (score >= bestScore) {
        best = k;
        bestScore = score;
      }
    }
    return best;
  }

  /**
   * Whether the memory can be about the candidate's subject: a named speaker's fact only merges
   * with a memory naming that speaker (or holding that speaker's slot), never with the user's own.
   */
  static boolean sameSubject(Candidate c, Known k) {
    String kSubject = subjectOfSlot(k.slot());
    if (c.subject() == null) {
      return kSubject == null;
    }
    String subject = normalize(c.subject());
    if (kSubject != null) {
      return kSubject.equals(subject);
    }
    return CJK.matcher(subject).find()
        ? k.normalized().contains(subject)
        : (" " + k.normalized() + " ").contains(" " + subject + " ");
  }

  private static String subjectOfSlot(String slot) {
    int at = slot == null ? -1 : slot.lastIndexOf('@');
    return at < 0 ? null : normalize(slot.substring(at + 1));
  }

  /**
   * Whether two wordings name the same things: what one has and the other lacks may only be
   * function words and intensifiers ("really", "now", 很, 了), never a name, place, number or other
   * content word.
   */
  static boolean sameObjects(String a, String b) {
    Set<String> ta = contentTokens(a);
    Set<String> tb = contentTokens(b);
    return ta.equals(tb);
  }

  private static Set<String> contentTokens(String normalized) {
    Set<String> tokens = new HashSet<>();
    for (String word : normalized.split(" ")) {
      if (word.isEmpty()) {
        continue;
      }
      if (CJK.matcher(word).find()) {
        word.codePoints()
            .mapToObj(Character::toString)
            .filter(ch -> !SOFT_CJK.contains(ch))
            .forEach(tokens::add);
      } else if (!SOFT_WORDS.contains(word)) {
        tokens.add(stem(SAME_WORD.getOrDefault(word, word)));
      }
    }
    return tokens;
  }

  /** A crude English stem, so that "love" and "loves", "visit" and "visited" compare equal. */
  private static String stem(String word) {
    if (word.length() > 4 && word.endsWith("ing")) {
      return word.substring(0, word.length() - 3);
    }
    if (word.length() > 3 && (word.endsWith("ed") || word.endsWith("es"))) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }

  private static final Set<String> SOFT_WORDS =
      Set.of(
          "a",
          "an",
          "the",
          "really",
          "very",
          "so",
          "much",
          "also",
          "just",
          "now",
          "still",
          "actually",
          "truly",
          "absolutely",
          "quite",
          "too",
          "lot",
          "definitely",
          "totally",
          "pretty",
          "is",
          "are",
          "am",
          "was",
          "s",
          "m",
          "ve",
          "d",
          "ll",
          "these",
          "days",
          "currently",
          "honestly",
          "indeed",
          "and",
          "of",
          "to",
          "i",
          "my",
          "me",
          "we",
          "our",
          "do",
          "does",
          "all",
          "at",
          "right",
          "always",
          "nowadays",
          "anymore",
          "well",
          "oh",
          "yeah",
          "yes",
          "for",
          "it",
          "that",
          "this",
          "be",
          "been",
          "have",
          "has",
          "like",
          "love",
          "enjoy",
          "adore");

  /** Spellings and words that say the same thing. */
  private static final java.util.Map<String, String> SAME_WORD =
      java.util.Map.of(
          "named", "called",
          "favorite", "favourite",
          "color", "colour",
          "mom", "mother",
          "mum", "mother",
          "dad", "father",
          "kids", "children");

  private static final Set<String> SOFT_CJK =
      Set.of(
          "我", "很", "非", "常", "特", "别", "真", "的", "也", "都", "了", "呢", "吧", "啊", "呀", "还", "是", "在",
          "现", "挺", "最", "就", "又", "着", "过", "喜", "欢", "爱");

  private static Known find(List<Known> working, java.util.function.Predicate<Known> test) {
    for (Known k : working) {
      if (test.test(k)) {
        return k;
      }
    }
    return null;
  }
}
