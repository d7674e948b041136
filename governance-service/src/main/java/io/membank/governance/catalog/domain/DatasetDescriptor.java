package io.membank.governance.catalog.domain;

import java.util.List;
import java.util.Optional;

/**
 * One dataset as a service's descriptor declares it. {@code tenantField} names the field holding
 * the tenant (absent: not tenant data, or not separable); {@code freshnessField} the timestamp that
 * says how recent the data is; {@code location} where it is found (a Redis key pattern, a Kafka
 * key).
 */
public record DatasetDescriptor(
    DatasetKind kind,
    String store,
    String name,
    String location,
    String description,
    Classification classification,
    String tenantField,
    String freshnessField,
    List<FieldDescriptor> fields) {

  public DatasetDescriptor {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  /** The catalog-wide id (see {@link DatasetKind#idOf}). */
  public String id() {
    return kind.idOf(store, name);
  }

  /** The field of that name. */
  public Optional<FieldDescriptor> field(String fieldName) {
    return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
  }

  /** The strictest classification its fields require (internal when none is sensitive). */
  public Classification requiredByFields() {
    Classification level = Classification.INTERNAL;
    for (FieldDescriptor f : fields) {
      level = level.max(f.effectiveClassification());
    }
    return level;
  }
}
