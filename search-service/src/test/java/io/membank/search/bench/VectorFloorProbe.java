package io.membank.search.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.membank.search.embed.Embeddings;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Vector-only retrieval on the labelled set of {@code bench/retrieval_quality.py}
 * (bench/quality/dataset.json) for several similarity floors, offline: what {@code
 * membank.search.embeddings.min-similarity-en / -zh} trade between answers found and results
 * returned for questions nothing answers.
 *
 * <p>Embeds every memory and question with the in-process models as search-service does (BGE small
 * en v1.5 q for alphabetic text, BGE small zh v1.5 q for CJK text, documents as they are, queries
 * with the model's retrieval prefix), ranks each user's memories of the question's script by exact
 * cosine (a user's few dozen memories are below the size where Lucene's filtered HNSW search turns
 * exact anyway), drops those under the floor and keeps the top 10 — search-service's vector mode at
 * limit 10. At the service's floors (0.58 / 0.45) it should reproduce the service's vector row.
 *
 * <p>Arguments ({@code key=value}): {@code dataset=bench/quality/dataset.json
 * floors=0.40,0.45,0.50,0.52,0.55,0.58,0.60,0.65 prefix=true} ({@code prefix=false}: questions
 * without the retrieval prefix, to see what it is worth). Run by {@code
 * search-service/bench/floors.sh}.
 */
public final class VectorFloorProbe {

  private static final PrintStream OUT = System.out;
  private static final Pattern CJK =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");
  private static final int LIMIT = 10;

  private VectorFloorProbe() {}

  private record Memory(String id, String user, boolean zh, float[] vector) {}

  private record Question(
      String id, String user, boolean zh, Set<String> answers, float[] vector) {}

  public static void main(String[] argv) throws Exception {
    String dataset = "bench/quality/dataset.json";
    double[] floors = {0.40, 0.45, 0.50, 0.52, 0.55, 0.58, 0.60, 0.65};
    boolean prefix = true;
    for (String a : argv) {
      if (a.startsWith("prefix=")) {
        prefix = Boolean.parseBoolean(a.substring(7));
      } else if (a.startsWith("dataset=")) {
        dataset = a.substring(8);
      } else if (a.startsWith("floors=")) {
        floors =
            Arrays.stream(a.substring(7).split(",")).mapToDouble(Double::parseDouble).toArray();
      } else {
        throw new IllegalArgumentException(a);
      }
    }
    JsonNode root = new ObjectMapper().readTree(Path.of(dataset).toFile());
    EmbeddingModel en = new BgeSmallEnV15QuantizedEmbeddingModel();
    EmbeddingModel zh = new BgeSmallZhV15QuantizedEmbeddingModel();
    long started = System.nanoTime();
    List<Memory> memories = new ArrayList<>();
    for (JsonNode m : root.get("memories")) {
      String text = m.get("text").asText();
      boolean cjk = CJK.matcher(text).find();
      memories.add(
          new Memory(
              m.get("id").asText(), m.get("user").asText(), cjk, embed(cjk ? zh : en, text)));
    }
    List<Question> questions = new ArrayList<>();
    for (JsonNode q : root.get("questions")) {
      String text = q.get("text").asText();
      boolean cjk = CJK.matcher(text).find();
      Set<String> answers = new HashSet<>();
      q.get("answers").forEach(a -> answers.add(a.asText()));
      String instruction =
          !prefix ? "" : cjk ? Embeddings.CHINESE_QUERY_PREFIX : Embeddings.ENGLISH_QUERY_PREFIX;
      questions.add(
          new Question(
              q.get("id").asText(),
              q.get("user").asText(),
              cjk,
              answers,
              embed(cjk ? zh : en, instruction + text)));
    }
    OUT.printf(
        Locale.ROOT,
        "vector-floor probe: %d memories, %d questions embedded in %.1f s; load %.2f%n",
        memories.size(),
        questions.size(),
        (System.nanoTime() - started) / 1e9,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    OUT.println(
        "| language | floor | recall@1 | recall@10 | MRR | answerable with 0 results |"
            + " no-answer questions with results | mean results (no-answer) |");
    OUT.println("|---|---|---|---|---|---|---|---|");
    for (boolean lang : new boolean[] {false, true}) {
      for (double floor : floors) {
        double r1 = 0;
        double r10 = 0;
        double mrr = 0;
        int answerable = 0;
        int empty = 0;
        int noAnswer = 0;
        int noAnswerWithResults = 0;
        int noAnswerResults = 0;
        for (Question q : questions) {
          if (q.zh() != lang) {
            continue;
          }
          List<String> ranked = rank(q, memories, floor);
          if (q.answers().isEmpty()) {
            noAnswer++;
            noAnswerResults += ranked.size();
            noAnswerWithResults += ranked.isEmpty() ? 0 : 1;
            continue;
          }
          answerable++;
          empty += ranked.isEmpty() ? 1 : 0;
          r1 +=
              ranked.isEmpty() || !q.answers().contains(ranked.get(0))
                  ? 0
                  : 1.0 / q.answers().size();
          long found = ranked.stream().filter(q.answers()::contains).count();
          r10 += (double) found / q.answers().size();
          for (int i = 0; i < ranked.size(); i++) {
            if (q.answers().contains(ranked.get(i))) {
              mrr += 1.0 / (i + 1);
              break;
            }
          }
        }
        OUT.printf(
            Locale.ROOT,
            "| %s | %.2f | %.3f | %.3f | %.3f | %d/%d | %d/%d | %.1f |%n",
            lang ? "zh" : "en",
            floor,
            r1 / answerable,
            r10 / answerable,
            mrr / answerable,
            empty,
            answerable,
            noAnswerWithResults,
            noAnswer,
            (double) noAnswerResults / noAnswer);
      }
    }
  }

  /** The user's memories of the question's script at or above the floor, best first, top 10. */
  private static List<String> rank(Question q, List<Memory> memories, double floor) {
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    for (Memory m : memories) {
      if (m.user().equals(q.user()) && m.zh() == q.zh()) {
        double cos = cosine(q.vector(), m.vector());
        if (cos >= floor) {
          scored.add(Map.entry(m.id(), cos));
        }
      }
    }
    scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    return scored.stream().limit(LIMIT).map(Map.Entry::getKey).toList();
  }

  static float[] embed(EmbeddingModel model, String text) {
    return model.embedAll(List.of(TextSegment.from(text))).content().getFirst().vector();
  }

  static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
