package io.membank.search.embed;

import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import io.membank.contracts.MemoryEvent;
import io.membank.search.index.SearchConfig;
import io.membank.search.index.Vector;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * In-process embeddings, one model per script: BGE small v1.5 (English, 384 dims) for alphabetic
 * text and BGE small zh v1.5 (512 dims) for Chinese (and other CJK) text, both quantized ONNX
 * models shipped inside Maven artifacts — nothing is downloaded at run time. A text's script picks
 * its model; a query only meets memories of its own script by vector (BM25 still crosses).
 */
@ApplicationScoped
public class Embeddings {

  private static final Logger LOG = Logger.getLogger(Embeddings.class);
  private static final Pattern CJK =
      Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]");

  @Inject SearchConfig config;

  private volatile Embedder english;
  private volatile Embedder chinese;

  void load(@Observes StartupEvent event) {
    if (!enabled()) {
      LOG.info("search.embeddings.disabled (keyword search only)");
      return;
    }
    long started = System.nanoTime();
    SearchConfig.Embeddings c = config.embeddings();
    english =
        new Embedder(
            "bge-small-en-v1.5-q",
            "vec_en",
            384,
            "Represent this sentence for searching relevant passages: ",
            c.minSimilarityEn(),
            new BgeSmallEnV15QuantizedEmbeddingModel());
    chinese =
        new Embedder(
            "bge-small-zh-v1.5-q",
            "vec_zh",
            512,
            "为这个句子生成表示以用于检索相关文章：",
            c.minSimilarityZh(),
            new BgeSmallZhV15QuantizedEmbeddingModel());
    LOG.infof(
        "search.embeddings.loaded models=%s,%s took_ms=%d",
        english.name(), chinese.name(), (System.nanoTime() - started) / 1_000_000);
  }

  /** Whether vectors are made at all ({@code membank.search.embeddings.enabled}). */
  public boolean enabled() {
    return config.embeddings().enabled();
  }

  /** The model for a text, by its script; null when embeddings are off. */
  public Embedder forText(String text) {
    if (!enabled()) {
      return null;
    }
    return text != null && CJK.matcher(text).find() ? chinese : english;
  }

  /** Every model in use (for the vector fields' formats and the docs). */
  public List<Embedder> all() {
    return enabled() ? List.of(english, chinese) : List.of();
  }

  /**
   * The vectors of the events that keep content (deleted ones do not), by position; one model call
   * per model for the whole batch.
   */
  public Map<Integer, Vector> forEvents(List<MemoryEvent> events) {
    Map<Integer, Vector> out = new LinkedHashMap<>();
    if (!enabled()) {
      return out;
    }
    Map<Embedder, List<Integer>> byModel = new LinkedHashMap<>();
    for (int i = 0; i < events.size(); i++) {
      MemoryEvent e = events.get(i);
      if (e != null
          && e.operation() != MemoryEvent.Operation.DELETED
          && e.content() != null
          && !e.content().isBlank()) {
        byModel.computeIfAbsent(forText(e.content()), k -> new ArrayList<>()).add(i);
      }
    }
    byModel.forEach(
        (embedder, positions) -> {
          List<Vector> vectors =
              embedder.documents(positions.stream().map(i -> events.get(i).content()).toList());
          for (int j = 0; j < positions.size(); j++) {
            out.put(positions.get(j), vectors.get(j));
          }
        });
    return out;
  }
}
