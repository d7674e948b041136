package io.membank.governance.catalog.domain;

import java.util.List;

/**
 * A flow of a service: a named process (a consumer, an API, a relay) that reads the datasets in
 * {@code from} and writes those in {@code to}, by dataset id. An empty {@code from} means the input
 * comes from outside (API callers, scraped services).
 */
public record FlowDescriptor(String name, String description, List<String> from, List<String> to) {

  public FlowDescriptor {
    from = from == null ? List.of() : List.copyOf(from);
    to = to == null ? List.of() : List.copyOf(to);
  }
}
