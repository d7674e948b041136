package io.membank.governance.catalog.domain;

import java.util.List;

/** What one service (or the shared platform) checks in under {@code catalog/<service>.yaml}. */
public record ServiceDescriptor(
    String service, List<DatasetDescriptor> datasets, List<FlowDescriptor> flows) {

  public ServiceDescriptor {
    datasets = datasets == null ? List.of() : List.copyOf(datasets);
    flows = flows == null ? List.of() : List.copyOf(flows);
  }
}
