package io.membank.governance.catalog.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The whole catalog read from every service's descriptor, checked for consistency: ids unique,
 * field names unique per dataset, a dataset classified at least as strictly as its fields require,
 * the tenant and freshness fields among its fields, flows naming only known datasets.
 */
public final class Catalog {

  /** A dataset and the service that owns it. */
  public record Entry(String owner, DatasetDescriptor dataset) {
    public String id() {
      return dataset.id();
    }
  }

  /** A flow and the service that runs it. */
  public record Flow(String service, FlowDescriptor flow) {}

  private final Map<String, Entry> datasets;
  private final List<Flow> flows;

  private Catalog(Map<String, Entry> datasets, List<Flow> flows) {
    this.datasets = Collections.unmodifiableMap(datasets);
    this.flows = List.copyOf(flows);
  }

  /** The catalog of these descriptors; throws {@link InvalidCatalogException} listing problems. */
  public static Catalog of(List<ServiceDescriptor> descriptors) {
    List<String> problems = new ArrayList<>();
    Map<String, Entry> datasets = new LinkedHashMap<>();
    List<Flow> flows = new ArrayList<>();
    Set<String> services = new HashSet<>();
    for (ServiceDescriptor d : descriptors) {
      if (blank(d.service())) {
        problems.add("a descriptor has no service");
        continue;
      }
      if (!services.add(d.service())) {
        problems.add("service " + d.service() + " is described twice");
      }
      for (DatasetDescriptor ds : d.datasets()) {
        check(d.service(), ds, problems);
        if (ds.kind() == null || blank(ds.name())) {
          continue;
        }
        Entry previous = datasets.putIfAbsent(ds.id(), new Entry(d.service(), ds));
        if (previous != null) {
          problems.add(ds.id() + " is declared by " + previous.owner() + " and by " + d.service());
        }
      }
      Set<String> flowNames = new HashSet<>();
      for (FlowDescriptor f : d.flows()) {
        if (blank(f.name()) || !flowNames.add(f.name())) {
          problems.add(d.service() + ": every flow needs a unique name (" + f.name() + ")");
        }
        flows.add(new Flow(d.service(), f));
      }
    }
    for (Flow f : flows) {
      for (String ref : concat(f.flow().from(), f.flow().to())) {
        if (!datasets.containsKey(ref)) {
          problems.add(f.service() + " flow " + f.flow().name() + " names unknown dataset " + ref);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidCatalogException(problems);
    }
    return new Catalog(datasets, flows);
  }

  private static void check(String service, DatasetDescriptor ds, List<String> problems) {
    String where = service + " dataset " + ds.name();
    if (ds.kind() == null || blank(ds.name())) {
      problems.add(service + ": every dataset needs a kind and a name");
      return;
    }
    if (ds.kind() == DatasetKind.POSTGRES_TABLE && blank(ds.store())) {
      problems.add(where + ": a PostgreSQL table needs its database as store");
    }
    if (ds.classification() == null) {
      problems.add(where + ": no classification");
    } else if (ds.classification().compareTo(ds.requiredByFields()) < 0) {
      problems.add(
          where
              + " is classified "
              + ds.classification().wireName()
              + " but its fields require "
              + ds.requiredByFields().wireName());
    }
    Set<String> names = new HashSet<>();
    for (FieldDescriptor f : ds.fields()) {
      if (blank(f.name()) || !names.add(f.name())) {
        problems.add(where + ": field names must be present and unique (" + f.name() + ")");
      }
    }
    if (ds.tenantField() != null && ds.field(ds.tenantField()).isEmpty()) {
      problems.add(where + ": tenant_field " + ds.tenantField() + " is not one of its fields");
    }
    if (ds.freshnessField() != null && ds.field(ds.freshnessField()).isEmpty()) {
      problems.add(
          where + ": freshness_field " + ds.freshnessField() + " is not one of its fields");
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  /** Every dataset by id, in descriptor order. */
  public Map<String, Entry> datasets() {
    return datasets;
  }

  public Optional<Entry> dataset(String id) {
    return Optional.ofNullable(datasets.get(id));
  }

  public List<Flow> flows() {
    return flows;
  }
}
