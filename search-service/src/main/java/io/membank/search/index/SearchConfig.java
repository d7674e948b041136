package io.membank.search.index;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;

/** Where the search read model lives and how it behaves. */
@ConfigMapping(prefix = "membank.search")
public interface SearchConfig {

  /** Directory of the Lucene index (one index; every document carries its tenant). */
  Path indexDir();
}
