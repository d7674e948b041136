package io.membank.memory.decide;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.memory.extract.BuiltInExtractor;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Exchange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The labelled decision set (bench/decisions/pairs.json, made by bench/decisions/generate.py): each
 * pair's kept memory and new statement go through the built-in extractor and the decision engine as
 * a job would take them; prints precision and recall per decision, per language, and the share of
 * distinct pairs merged, which must stay at or under 1 %.
 */
class DecisionSetTest {

  private static final Path PAIRS = Path.of("..", "bench", "decisions", "pairs.json");
  private static final List<String> CLASSES = List.of("same", "INVALIDATE", "ADD", "none");

  private final BuiltInExtractor extractor = new BuiltInExtractor();
  private final DecisionEngine engine = new DecisionEngine(0.6);

  record Outcome(String lang, String kind, String expected, String got, String detail) {}

  @Test
  void distinctFactsAreNotMergedAndDecisionsAreMeasured() throws IOException {
    JsonNode root = new ObjectMapper().readTree(PAIRS.toFile());
    List<Outcome> outcomes = new ArrayList<>();
    for (JsonNode p : root.get("pairs")) {
      outcomes.add(
          decide(
              p.get("lang").asText(),
              p.get("kind").asText(),
              p.get("expected").asText(),
              p.get("existing").asText(),
              p.get("incoming").asText()));
    }
    assertThat(outcomes).hasSizeGreaterThanOrEqualTo(400);
    StringBuilder report = new StringBuilder("\ndecision set v" + root.get("version") + "\n");
    report.append("| lang | decision | expected | decided | correct | precision | recall |\n");
    report.append("|---|---|---|---|---|---|---|\n");
    for (String lang : List.of("all", "en", "zh")) {
      List<Outcome> of =
          outcomes.stream().filter(o -> "all".equals(lang) || o.lang().equals(lang)).toList();
      for (String cls : CLASSES.subList(0, 3)) {
        long expected = of.stream().filter(o -> o.expected().equals(cls)).count();
        long decided = of.stream().filter(o -> o.got().equals(cls)).count();
        long correct =
            of.stream().filter(o -> o.expected().equals(cls) && o.got().equals(cls)).count();
        report.append(
            String.format(
                Locale.ROOT,
                "| %s | %s | %d | %d | %d | %.3f | %.3f |%n",
                lang,
                cls,
                expected,
                decided,
                correct,
                decided == 0 ? 0.0 : (double) correct / decided,
                expected == 0 ? 0.0 : (double) correct / expected));
      }
    }
    Map<String, long[]> byKind = new TreeMap<>();
    for (Outcome o : outcomes) {
      long[] n = byKind.computeIfAbsent(o.lang() + " " + o.kind(), k -> new long[2]);
      n[0]++;
      n[1] += o.expected().equals(o.got()) ? 1 : 0;
    }
    byKind.forEach(
        (k, n) -> report.append(String.format(Locale.ROOT, "%s: %d/%d right%n", k, n[1], n[0])));
    List<Outcome> distinct =
        outcomes.stream()
            .filter(o -> o.kind().equals("distinct") || o.kind().equals("other_speaker"))
            .toList();
    List<Outcome> merged = distinct.stream().filter(o -> !o.got().equals("ADD")).toList();
    double mergedShare = (double) merged.size() / distinct.size();
    report.append(
        String.format(
            Locale.ROOT,
            "distinct pairs merged: %d of %d (%.1f %%)%n",
            merged.size(),
            distinct.size(),
            100 * mergedShare));
    outcomes.stream()
        .filter(o -> !o.expected().equals(o.got()))
        .forEach(o -> report.append("  wrong: ").append(o).append('\n'));
    System.out.println(report);
    assertThat(mergedShare).as("share of distinct pairs merged").isLessThanOrEqualTo(0.01);
  }

  private Outcome decide(
      String lang, String kind, String expected, String existing, String incoming) {
    List<Candidate> kept = candidates(existing);
    List<Candidate> fresh = candidates(incoming);
    if (kept.isEmpty() || fresh.isEmpty()) {
      return new Outcome(lang, kind, expected, "none", existing + " / " + incoming);
    }
    Candidate k = kept.get(0);
    Known known =
        new Known(
            UUID.randomUUID(), DecisionEngine.normalize(k.content()), k.slot(), k.slotValue());
    Decision d = engine.decide(fresh, List.of(known), MergeStrategy.merge, true).get(0);
    String got =
        switch (d.event()) {
          case UPDATE, NOOP -> "same";
          case INVALIDATE -> "INVALIDATE";
          case ADD -> "ADD";
        };
    return new Outcome(
        lang,
        kind,
        expected,
        got,
        k.content() + " / " + fresh.get(0).content() + ": " + d.reason());
  }

  private List<Candidate> candidates(String text) {
    return extractor.extract(new Exchange(text, null, List.of(), null)).candidates();
  }
}
