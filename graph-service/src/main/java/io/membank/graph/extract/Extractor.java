package io.membank.graph.extract;

/** Finds the entities and relationships of one memory. */
public interface Extractor {

  /** What the memory mentions and states; never fails on odd input (it may find nothing). */
  Extraction extract(ExtractionInput input);
}
