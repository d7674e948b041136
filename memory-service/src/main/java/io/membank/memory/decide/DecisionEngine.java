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
 * exact (normalized) duplicates are no-ops, a new value in an occupied slot is a contradiction, and
 * near-identical wording is a merge. Pure logic: no I/O.
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
      Known similar = sameSlot != null ? sameSlot : best(working, normalized);
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

  private Known best(List<Known> working, String normalized) {
    Known best = null;
    double bestScore = similarityThreshold;
    for (Known k : working) {
      double score = similarity(k.normalized(), normalized);
      if (score >= bestScore) {
        best = k;
        bestScore = score;
      }
    }
    return best;
  }

  private static Known find(List<Known> working, java.util.function.Predicate<Known> test) {
    for (Known k : working) {
      if (test.test(k)) {
        return k;
      }
    }
    return null;
  }
}
