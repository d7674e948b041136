package io.membank.privacy.detect;

import java.util.List;

/**
 * Finds one family of sensitive values in a text. Implementations are stateless and thread-safe.
 */
public interface Detector {

  /** A stable name, reported in each finding. */
  String name();

  /** Adds what it finds in {@code text} to {@code out}; findings may overlap other detectors'. */
  void detect(String text, List<Finding> out);
}
