import com.fasterxml.jackson.databind.*;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.membank.memory.decide.*;
import io.membank.memory.extract.*;
import io.membank.search.index.MemoryAnalyzer;
import java.nio.file.*;
import java.time.OffsetDateTime;
import java.util.*;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.*;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.*;
import org.apache.lucene.index.*;
import org.apache.lucene.search.*;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Offline estimate of MemBank on the labelled conversations (bench/conversations/dataset.json):
 * every message goes, in order, through memory-service's BuiltInExtractor and DecisionEngine
 * against the conversation's current memories (ADD / UPDATE / INVALIDATE / NOOP applied as a job
 * applies them; a memory stands for the messages that added or updated it), then each question is
 * ranked over the current memories as search-service's hybrid mode does: BM25 over MemoryAnalyzer,
 * BGE small vectors with the service's floors (0.58 en / 0.45 zh) and the query prefixes, fused by
 * weighted RRF (k 60, keyword 1.0, vector 1.1). Argument {@code time}: the message's session date
 * reaches the extractor (Exchange.saidAt), which the job pipeline does not pass yet.
 *
 * <p>Not the API: no batching, no similar-memory lookup (every current memory is compared), no
 * Kafka. bench/conversation_quality.py measures the real thing. Run by bench/offline/pipeline_sim.sh.
 */
public class PipelineSim {
  static final Pattern CJK = Pattern.compile("[\\p{IsHan}]");
  record Mem(String id, String content, List<String> msgs) {}
  public static void main(String[] a) throws Exception {
    boolean time = a.length > 0 && a[0].equals("time");
    JsonNode root = new ObjectMapper().readTree(Path.of("bench/conversations/dataset.json").toFile());
    EmbeddingModel en = new BgeSmallEnV15QuantizedEmbeddingModel();
    EmbeddingModel zh = new BgeSmallZhV15QuantizedEmbeddingModel();
    BuiltInExtractor x = new BuiltInExtractor();
    DecisionEngine engine = new DecisionEngine(0.6);
    Map<String, List<Mem>> byConv = new LinkedHashMap<>();
    int messages = 0; Set<String> linked = new HashSet<>();
    for (JsonNode c : root.get("conversations")) {
      String sep = c.get("lang").asText().equals("en") ? ": " : "：";
      Map<String, Mem> current = new LinkedHashMap<>();
      for (JsonNode s : c.get("sessions")) {
        OffsetDateTime at = OffsetDateTime.parse(s.get("date").asText());
        for (JsonNode m : s.get("messages")) {
          messages++;
          String text = m.get("speaker").asText() + sep + m.get("text").asText();
          Exchange ex = time ? new Exchange(text, null, List.of(), null, null, at) : new Exchange(text, null, List.of(), null);
          List<Candidate> cands = x.extract(ex).candidates();
          List<Known> known = new ArrayList<>();
          for (Mem mem : current.values()) known.add(new Known(UUID.fromString(mem.id()), DecisionEngine.normalize(mem.content()), slot(mem), val(mem)));
          for (Decision d : engine.decide(cands, known, MergeStrategy.merge, true)) {
            String id = d.targetId().toString(); String msg = m.get("id").asText();
            switch (d.event()) {
              case ADD -> { current.put(id, new Mem(id, d.candidate().content(), new ArrayList<>(List.of(msg)))); SLOT.put(id, new String[]{d.candidate().slot(), d.candidate().slotValue()}); linked.add(msg); }
              case UPDATE -> { Mem old = current.get(id); if (old != null) { old.msgs().add(msg); current.put(id, new Mem(id, d.candidate().content(), old.msgs())); linked.add(msg);} }
              case INVALIDATE -> current.remove(id);
              case NOOP -> {}
            }
          }
        }
      }
      byConv.put(c.get("id").asText(), new ArrayList<>(current.values()));
    }
    int mems = byConv.values().stream().mapToInt(List::size).sum();
    Set<String> evidence = new HashSet<>(); root.get("questions").forEach(q -> q.get("evidence").forEach(e -> evidence.add(e.asText())));
    long lostEv = evidence.stream().filter(e -> !linked.contains(e)).count();
    System.out.printf("pipeline sim (time=%s): %d memories for %d messages; messages with no memory %d; evidence messages with no memory %d of %d%n", time, mems, messages, messages - linked.size(), lostEv, evidence.size());
    // index
    Map<String, float[]> vec = new HashMap<>();
    Map<String, Mem> memById = new HashMap<>();
    for (List<Mem> l : byConv.values()) for (Mem m : l) { memById.put(m.id(), m); boolean z = CJK.matcher(m.content()).find(); vec.put(m.id(), emb(z ? zh : en, m.content())); }
    Map<String, List<String>> kw = new HashMap<>(), vv = new HashMap<>(), rrf = new HashMap<>();
    Analyzer an = new MemoryAnalyzer();
    Map<String, IndexSearcher> searchers = new HashMap<>();
    for (var e : byConv.entrySet()) {
      ByteBuffersDirectory dir = new ByteBuffersDirectory();
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(an))) {
        for (Mem m : e.getValue()) { Document d = new Document(); d.add(new StringField("id", m.id(), Field.Store.YES)); d.add(new TextField("text", m.content(), Field.Store.NO)); w.addDocument(d); }
      }
      searchers.put(e.getKey(), new IndexSearcher(DirectoryReader.open(dir)));
    }
    Map<String, List<String>> rankings = new HashMap<>();
    for (JsonNode q : root.get("questions")) {
      String conv = q.get("conversation").asText(); String text = q.get("text").asText();
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      try (TokenStream ts = an.tokenStream("text", text)) { CharTermAttribute t = ts.addAttribute(CharTermAttribute.class); ts.reset(); while (ts.incrementToken()) b.add(new TermQuery(new Term("text", t.toString())), BooleanClause.Occur.SHOULD); ts.end(); }
      IndexSearcher s = searchers.get(conv);
      List<String> k = new ArrayList<>(); for (ScoreDoc sd : s.search(b.build(), 50).scoreDocs) k.add(s.storedFields().document(sd.doc).get("id"));
      boolean z = CJK.matcher(text).find();
      float[] qv = emb(z ? zh : en, (z ? "为这个句子生成表示以用于检索相关文章：" : "Represent this sentence for searching relevant passages: ") + text);
      double floor = z ? 0.45 : 0.58;
      List<Map.Entry<String, Double>> sc = new ArrayList<>();
      for (Mem m : byConv.get(conv)) { float[] mv = vec.get(m.id()); if (mv.length == qv.length) { double cs = cos(qv, mv); if (cs >= floor) sc.add(Map.entry(m.id(), cs)); } }
      sc.sort(Map.Entry.<String, Double>comparingByValue().reversed());
      List<String> v = sc.stream().limit(50).map(Map.Entry::getKey).toList();
      Map<String, Double> f = new LinkedHashMap<>();
      for (int i = 0; i < k.size(); i++) f.merge(k.get(i), 1.0 / (60 + i + 1), Double::sum);
      for (int i = 0; i < v.size(); i++) f.merge(v.get(i), 1.1 / (60 + i + 1), Double::sum);
      List<String> fused = f.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).map(Map.Entry::getKey).toList();
      // memories -> message ranking (first appearance)
      rankings.put(q.get("id").asText(), toMsgs(fused, memById));
    }
    // reuse the baseline's report via reflection-free copy: print any@k per lang/category
    report(root, rankings);
  }
  static final Map<String, String[]> SLOT = new HashMap<>();
  static String slot(Mem m) { String[] s = SLOT.get(m.id()); return s == null ? null : s[0]; }
  static String val(Mem m) { String[] s = SLOT.get(m.id()); return s == null ? null : s[1]; }
  static List<String> toMsgs(List<String> mems, Map<String, Mem> byId) {
    // one entry per memory rank: the messages behind it joined by '|'
    List<String> out = new ArrayList<>(); for (String id : mems) out.add(String.join("|", byId.get(id).msgs())); return out;
  }
  static void report(JsonNode root, Map<String, List<String>> rankings) {
    int[] KS = {1, 5, 10, 20};
    Map<String, double[]> sums = new TreeMap<>(); Map<String, Integer> n = new TreeMap<>();
    for (JsonNode q : root.get("questions")) {
      Set<String> ev = new HashSet<>(); q.get("evidence").forEach(e -> ev.add(e.asText()));
      if (ev.isEmpty()) continue;
      List<String> r = rankings.get(q.get("id").asText());
      int first = 0; Map<String, Integer> cov = new HashMap<>();
      for (int i = 0; i < Math.min(20, r.size()); i++) for (String msg : r.get(i).split("\\|")) if (ev.contains(msg) && !cov.containsKey(msg)) { cov.put(msg, i + 1); if (first == 0) first = i + 1; }
      int last = cov.size() == ev.size() ? Collections.max(cov.values()) : 0;
      double[] row = new double[9];
      for (int k = 0; k < 4; k++) { row[k] = first > 0 && first <= KS[k] ? 1 : 0; row[4 + k] = last > 0 && last <= KS[k] ? 1 : 0; }
      row[8] = first == 0 ? 0 : 1.0 / first;
      boolean cross = q.get("cross").asBoolean(); String lang = q.get("lang").asText(); String l = cross ? lang + "→" + (lang.equals("en") ? "zh" : "en") : lang; String cat = q.get("category").asText();
      List<String> keys = cross ? List.of(l + " | all") : List.of("all | all", l + " | all", "all | " + cat, l + " | " + cat);
      for (String key : keys) { double[] s = sums.computeIfAbsent(key, z -> new double[9]); for (int i = 0; i < 9; i++) s[i] += row[i]; n.merge(key, 1, Integer::sum); }
    }
    System.out.println("| lang | category | n | R_any@1 | R_any@5 | R_any@10 | R_any@20 | R_all@1 | R_all@5 | R_all@10 | R_all@20 | MRR |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (var e : sums.entrySet()) { StringBuilder sb = new StringBuilder("| " + e.getKey() + " | " + n.get(e.getKey())); for (double v : e.getValue()) sb.append(String.format(Locale.ROOT, " | %.3f", v / n.get(e.getKey()))); System.out.println(sb + " |"); }
  }
  static float[] emb(EmbeddingModel m, String t) { return m.embedAll(List.of(TextSegment.from(t))).content().getFirst().vector(); }
  static double cos(float[] a, float[] b) { double d = 0, x = 0, y = 0; for (int i = 0; i < a.length; i++) { d += a[i] * b[i]; x += a[i] * a[i]; y += b[i] * b[i]; } return d / Math.sqrt(x * y); }
}
