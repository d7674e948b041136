package io.membank.graph.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The labelled entity set (bench/entities/sentences.json, made by bench/entities/generate.py):
 * precision and recall of the entity names the built-in extractor finds, English and Chinese. Dates
 * and entities only the knowledge table implies (confidence below a stated name's) are left out:
 * the set labels what the text itself names. Fails below 0.9 precision.
 */
class EntitySetTest {

  private static final Path SENTENCES = Path.of("..", "bench", "entities", "sentences.json");
  private static final OffsetDateTime AT = OffsetDateTime.parse("2024-03-13T10:00:00Z");

  private final BuiltInExtractor extractor = new BuiltInExtractor();

  @Test
  void entityPrecisionIsAtLeastNinetyPercent() throws IOException {
    JsonNode root = new ObjectMapper().readTree(SENTENCES.toFile());
    StringBuilder report = new StringBuilder("\nentity set v" + root.get("version") + "\n");
    report.append("| lang | sentences | expected | found | correct | precision | recall |\n");
    report.append("|---|---|---|---|---|---|---|\n");
    double allPrecision = 0;
    List<String> wrong = new ArrayList<>();
    for (String lang : List.of("all", "en", "zh")) {
      int sentences = 0;
      int expected = 0;
      int found = 0;
      int correct = 0;
      for (JsonNode s : root.get("sentences")) {
        if (!"all".equals(lang) && !s.get("lang").asText().equals(lang)) {
          continue;
        }
        sentences++;
        Set<String> want = new LinkedHashSet<>();
        s.get("entities").forEach(e -> want.add(e.asText().toLowerCase(Locale.ROOT)));
        Set<String> got = new LinkedHashSet<>();
        for (ExtractedEntity e :
            extractor
                .extract(new ExtractionInput(s.get("text").asText(), List.of(), AT))
                .entities()) {
          if (e.type() != EntityType.DATE && e.confidence() > BuiltInExtractor.IMPLIED) {
            got.add(e.name().toLowerCase(Locale.ROOT));
          }
        }
        expected += want.size();
        found += got.size();
        Set<String> both = new LinkedHashSet<>(got);
        both.retainAll(want);
        correct += both.size();
        if ("all".equals(lang) && !got.equals(want)) {
          wrong.add(s.get("text").asText() + " expected " + want + " found " + got);
        }
      }
      double precision = found == 0 ? 0 : (double) correct / found;
      double recall = expected == 0 ? 0 : (double) correct / expected;
      if ("all".equals(lang)) {
        allPrecision = precision;
      }
      report.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %d | %d | %d | %.3f | %.3f |%n",
              lang,
              sentences,
              expected,
              found,
              correct,
              precision,
              recall));
    }
    wrong.forEach(w -> report.append("  differs: ").append(w).append('\n'));
    System.out.println(report);
    assertThat(root.get("sentences").size()).isGreaterThanOrEqualTo(300);
    assertThat(allPrecision).as("entity precision").isGreaterThanOrEqualTo(0.9);
  }
}
