package io.membank.search.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.membank.search.embed.Embeddings;
import io.membank.search.index.MemoryAnalyzer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The raw-text baselines on the labelled conversations (bench/conversations/dataset.json), offline:
 * every message stored verbatim ("Name: text") as one document of its conversation, and each
 * question ranked by plain BM25 (Lucene's BM25 over search-service's {@link MemoryAnalyzer}, every
 * query term optional), by BGE small vectors (en v1.5 q for alphabetic text, zh v1.5 q for CJK
 * text, as search-service embeds; a question is compared with the messages its model embedded,
 * exact cosine, queries with the model's retrieval prefix), and by both fused with reciprocal rank
 * fusion (k 60, top 50 of each). Prints R_any / R_all @1/5/10/20 and MRR per language and category,
 * the rows bench/conversation_quality.py prints for MemBank, so the two can be compared line by
 * line. Run by {@code search-service/bench/baselines.sh}.
 */
public final class RawTextBaselineBench {

  private static final PrintStream OUT = System.out;
  private static final Pattern CJK =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");
  private static final int[] KS = {1, 5, 10, 20};
  private static final int CANDIDATES = 50;
  private static final int RRF_K = 60;

  private RawTextBaselineBench() {}

  private record Message(String id, String conversation, boolean zh, String text) {}

  private record Question(
      String id,
      String conversation,
      String lang,
      boolean cross,
      String category,
      Set<String> evidence,
      String text) {}

  public static void main(String[] argv) throws Exception {
    String dataset = "bench/conversations/dataset.json";
    for (String a : argv) {
      if (a.startsWith("dataset=")) {
        dataset = a.substring(8);
      } else {
        throw new IllegalArgumentException(a);
      }
    }
    JsonNode root = new ObjectMapper().readTree(Path.of(dataset).toFile());
    List<Message> messages = new ArrayList<>();
    for (JsonNode c : root.get("conversations")) {
      String sep = "en".equals(c.get("lang").asText()) ? ": " : "：";
      for (JsonNode s : c.get("sessions")) {
        for (JsonNode m : s.get("messages")) {
          String text = m.get("speaker").asText() + sep + m.get("text").asText();
          messages.add(
              new Message(
                  m.get("id").asText(), c.get("id").asText(), CJK.matcher(text).find(), text));
        }
      }
    }
    List<Question> questions = new ArrayList<>();
    for (JsonNode q : root.get("questions")) {
      Set<String> evidence = new LinkedHashSet<>();
      q.get("evidence").forEach(e -> evidence.add(e.asText()));
      questions.add(
          new Question(
              q.get("id").asText(),
              q.get("conversation").asText(),
              q.get("lang").asText(),
              q.get("cross").asBoolean(),
              q.get("category").asText(),
              evidence,
              q.get("text").asText()));
    }
    long started = System.nanoTime();
    EmbeddingModel en = new BgeSmallEnV15QuantizedEmbeddingModel();
    EmbeddingModel zh = new BgeSmallZhV15QuantizedEmbeddingModel();
    Map<String, float[]> messageVectors = new HashMap<>();
    for (Message m : messages) {
      messageVectors.put(m.id(), VectorFloorProbe.embed(m.zh() ? zh : en, m.text()));
    }
    Map<String, float[]> questionVectors = new HashMap<>();
    for (Question q : questions) {
      boolean cjk = CJK.matcher(q.text()).find();
      String prefix = cjk ? Embeddings.CHINESE_QUERY_PREFIX : Embeddings.ENGLISH_QUERY_PREFIX;
      questionVectors.put(q.id(), VectorFloorProbe.embed(cjk ? zh : en, prefix + q.text()));
    }
    OUT.printf(
        Locale.ROOT,
        "raw-text baselines: %d messages, %d questions (dataset v%s), embedded in %.1f s%n",
        messages.size(),
        questions.size(),
        root.get("version").asText(),
        (System.nanoTime() - started) / 1e9);

    Map<String, List<Message>> byConversation = new LinkedHashMap<>();
    messages.forEach(
        m -> byConversation.computeIfAbsent(m.conversation(), k -> new ArrayList<>()).add(m));
    Map<String, Bm25> indexes = new HashMap<>();
    for (var e : byConversation.entrySet()) {
      indexes.put(e.getKey(), new Bm25(e.getValue()));
    }
    Map<String, Map<String, List<String>>> rankings = new LinkedHashMap<>();
    for (String mode : List.of("bm25", "vector", "rrf")) {
      rankings.put(mode, new HashMap<>());
    }
    for (Question q : questions) {
      List<String> bm25 = indexes.get(q.conversation()).search(q.text(), CANDIDATES);
      List<String> vector =
          vectorSearch(
              q, byConversation.get(q.conversation()), messageVectors, questionVectors, CANDIDATES);
      rankings.get("bm25").put(q.id(), bm25);
      rankings.get("vector").put(q.id(), vector);
      rankings.get("rrf").put(q.id(), rrf(bm25, vector));
    }
    for (var mode : rankings.entrySet()) {
      report(mode.getKey(), questions, mode.getValue());
    }
  }

  /** R_any / R_all @k and MRR (within 20) per language and category, as markdown rows. */
  static void report(String mode, List<Question> questions, Map<String, List<String>> rankings) {
    Map<String, double[]> sums = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (Question q : questions) {
      if (q.evidence().isEmpty()) {
        continue;
      }
      List<String> ranked = rankings.get(q.id());
      double[] row = new double[2 * KS.length + 1];
      int first = 0;
      int lastNeeded = 0;
      Set<String> found = new LinkedHashSet<>();
      for (int i = 0; i < Math.min(20, ranked.size()); i++) {
        if (q.evidence().contains(ranked.get(i))) {
          first = first == 0 ? i + 1 : first;
          found.add(ranked.get(i));
          if (found.size() == q.evidence().size()) {
            lastNeeded = i + 1;
          }
        }
      }
      for (int k = 0; k < KS.length; k++) {
        row[k] = first > 0 && first <= KS[k] ? 1 : 0;
        row[KS.length + k] = lastNeeded > 0 && lastNeeded <= KS[k] ? 1 : 0;
      }
      row[2 * KS.length] = first == 0 ? 0 : 1.0 / first;
      String lang = q.cross() ? q.lang() + "→" + ("en".equals(q.lang()) ? "zh" : "en") : q.lang();
      List<String> keys =
          q.cross()
              ? List.of(lang + " | all")
              : List.of(
                  "all | all",
                  lang + " | all",
                  "all | " + q.category(),
                  lang + " | " + q.category());
      for (String key : keys) {
        double[] sum = sums.computeIfAbsent(key, x -> new double[row.length]);
        for (int i = 0; i < row.length; i++) {
          sum[i] += row[i];
        }
        counts.merge(key, 1, Integer::sum);
      }
    }
    OUT.printf("%n%s (messages verbatim)%n", mode);
    OUT.println(
        "| lang | category | n | R_any@1 | R_any@5 | R_any@10 | R_any@20 | R_all@1 | R_all@5 |"
            + " R_all@10 | R_all@20 | MRR |");
    OUT.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (var e : sums.entrySet()) {
      int n = counts.get(e.getKey());
      StringBuilder line = new StringBuilder("| " + e.getKey() + " | " + n);
      for (double v : e.getValue()) {
        line.append(String.format(Locale.ROOT, " | %.3f", v / n));
      }
      OUT.println(line.append(" |"));
    }
  }

  private static List<String> vectorSearch(
      Question q,
      List<Message> candidates,
      Map<String, float[]> messageVectors,
      Map<String, float[]> questionVectors,
      int limit) {
    float[] qv = questionVectors.get(q.id());
    List<Map.Entry<String, Double>> scored = new ArrayList<>();
    for (Message m : candidates) {
      float[] mv = messageVectors.get(m.id());
      if (mv.length == qv.length) { // the question's model embedded this message
        scored.add(Map.entry(m.id(), VectorFloorProbe.cosine(qv, mv)));
      }
    }
    scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
    return scored.stream().limit(limit).map(Map.Entry::getKey).toList();
  }

  static List<String> rrf(List<String> a, List<String> b) {
    Map<String, Double> fused = new LinkedHashMap<>();
    for (int i = 0; i < a.size(); i++) {
      fused.merge(a.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
    }
    for (int i = 0; i < b.size(); i++) {
      fused.merge(b.get(i), 1.0 / (RRF_K + i + 1), Double::sum);
    }
    return fused.entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(Map.Entry::getKey)
        .toList();
  }

  /** One conversation's messages in an in-memory Lucene index, BM25 (Lucene's default). */
  private static final class Bm25 {
    private final Analyzer analyzer = new MemoryAnalyzer();
    private final IndexSearcher searcher;

    Bm25(List<Message> messages) throws IOException {
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
        for (Message m : messages) {
          Document d = new Document();
          d.add(new StringField("id", m.id(), Field.Store.YES));
          d.add(new TextField("text", m.text(), Field.Store.NO));
          w.addDocument(d);
        }
      }
      searcher = new IndexSearcher(DirectoryReader.open(dir));
    }

    List<String> search(String text, int limit) {
      try {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
          CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
          ts.reset();
          while (ts.incrementToken()) {
            query.add(new TermQuery(new Term("text", term.toString())), BooleanClause.Occur.SHOULD);
          }
          ts.end();
        }
        List<String> ids = new ArrayList<>();
        for (ScoreDoc sd : searcher.search(query.build(), limit).scoreDocs) {
          ids.add(searcher.storedFields().document(sd.doc).get("id"));
        }
        return ids;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
