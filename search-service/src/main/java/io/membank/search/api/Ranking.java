package io.membank.search.api;

import io.membank.search.embed.Embedder;
import io.membank.search.embed.Embeddings;
import io.membank.search.index.SearchQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/** Turns a requested mode into a ranked query: embeds the text when vectors take part. */
@ApplicationScoped
public class Ranking {

  @Inject Embeddings embeddings;

  /**
   * The query ranked by {@code mode} (keyword, vector or hybrid; null means hybrid). Without
   * embeddings every mode is keyword; a vector mode with embeddings off is a caller's mistake the
   * resource reports before this.
   */
  public SearchQuery rank(SearchQuery query, String mode) {
    SearchQuery.Mode m =
        mode == null
            ? SearchQuery.Mode.HYBRID
            : SearchQuery.Mode.valueOf(mode.toUpperCase(Locale.ROOT));
    Embedder embedder = embeddings.forText(query.text());
    if (m == SearchQuery.Mode.KEYWORD || embedder == null) {
      return query.ranked(SearchQuery.Mode.KEYWORD, null, 0);
    }
    return query.ranked(m, embedder.query(query.text()), embedder.minSimilarity());
  }

  /** Whether vector modes can be served. */
  public boolean vectorsAvailable() {
    return embeddings.enabled();
  }
}
