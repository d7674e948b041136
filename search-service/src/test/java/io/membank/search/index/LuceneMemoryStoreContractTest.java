package io.membank.search.index;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on the Lucene index ({@link MemoryIndex}), in a fresh directory per test. */
class LuceneMemoryStoreContractTest extends MemoryStoreContract {

  @TempDir Path dir;

  @Override
  protected MemoryStore open(SearchConfig.Hybrid hybrid) {
    return MemoryIndex.open(dir.resolve("index"), hybrid);
  }
}
