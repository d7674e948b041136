package io.membank.memory.decide;

/** How a new fact that resembles or contradicts an existing memory is applied. */
public enum MergeStrategy {
  /** Similar: merge into the existing memory (new version). Contradiction: close old, add new. */
  merge,
  /** Similar or contradicting: close the old memory and add the new one. */
  replace,
  /** Similar or contradicting: keep the existing memory, drop the new fact. */
  skip
}
