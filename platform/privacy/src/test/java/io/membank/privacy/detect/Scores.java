package io.membank.privacy.detect;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Precision and recall per data type over the corpus. A finding is a true positive when it overlaps
 * a gold value of its type; every gold value no finding of its type overlaps is missed.
 */
final class Scores {

  /** Counts of one type. */
  static final class Count {
    int truePositives;
    int falsePositives;
    int missed;

    double precision() {
      int found = truePositives + falsePositives;
      return found == 0 ? 1.0 : (double) truePositives / found;
    }

    double recall() {
      int gold = truePositives + missed;
      return gold == 0 ? 1.0 : (double) truePositives / gold;
    }

    int gold() {
      return truePositives + missed;
    }
  }

  final Map<DataType, Count> byType = new EnumMap<>(DataType.class);
  final StringBuilder errors = new StringBuilder();

  static Scores of(Corpus corpus, Scanner scanner) {
    Scores scores = new Scores();
    for (DataType type : DataType.values()) {
      scores.byType.put(type, new Count());
    }
    for (Corpus.Sentence sentence : corpus.sentences()) {
      scores.add(sentence, scanner.scan(sentence.text()));
    }
    return scores;
  }

  private void add(Corpus.Sentence sentence, List<Finding> findings) {
    for (Finding f : findings) {
      boolean hit =
          sentence.gold().stream()
              .anyMatch(g -> g.type() == f.type() && g.start() < f.end() && f.start() < g.end());
      if (hit) {
        byType.get(f.type()).truePositives++;
      } else {
        byType.get(f.type()).falsePositives++;
        errors
            .append("FP ")
            .append(f.type())
            .append(" '")
            .append(f.value(sentence.text()))
            .append("' in: ")
            .append(sentence.text())
            .append('\n');
      }
    }
    for (Corpus.Gold g : sentence.gold()) {
      boolean found =
          findings.stream()
              .anyMatch(f -> g.type() == f.type() && g.start() < f.end() && f.start() < g.end());
      if (!found) {
        byType.get(g.type()).missed++;
        errors
            .append("FN ")
            .append(g.type())
            .append(" '")
            .append(sentence.text(), g.start(), g.end())
            .append("' in: ")
            .append(sentence.text())
            .append('\n');
      }
    }
  }

  /** A Markdown table: type, gold values, precision, recall. */
  String table() {
    StringBuilder out =
        new StringBuilder("| type | gold values | precision | recall |\n|---|---|---|---|\n");
    byType.forEach(
        (type, c) ->
            out.append(
                String.format(
                    "| %s%s | %d | %.3f | %.3f |%n",
                    type,
                    type.structured() ? "" : " (best effort)",
                    c.gold(),
                    c.precision(),
                    c.recall())));
    return out.toString();
  }
}
