package io.membank.governance.catalog.domain;

import java.util.List;

/** The descriptors do not make a consistent catalog; every problem found is listed. */
public class InvalidCatalogException extends RuntimeException {

  private final List<String> problems;

  public InvalidCatalogException(List<String> problems) {
    super("invalid data catalog: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
