package io.membank.diagnostics.symptom;

import com.fasterxml.jackson.annotation.JsonValue;
import io.membank.diagnostics.collect.Metric;
import java.util.Locale;
import java.util.Optional;

/** The kinds of symptom the detectors report and the knowledge base matches on. */
public enum SymptomType {
  HIGH_LATENCY,
  HIGH_ERROR_RATE,
  RESOURCE_EXHAUSTION,
  MEMORY_LEAK,
  DATABASE_SLOW,
  EXTERNAL_TIMEOUT,
  CONSUMER_LAG,
  DLQ_GROWTH,
  SERVICE_DOWN,
  /** The process answers but its liveness is DOWN (e.g. a Kafka channel that gave up). */
  LIVENESS_DOWN,
  /** A readiness check on a dependency (Kafka, database, Neo4j) is DOWN. */
  DEPENDENCY_DOWN;

  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type a static threshold on {@code metric} reports, if the metric is checked at all. */
  public static Optional<SymptomType> of(Metric metric) {
    return Optional.ofNullable(
        switch (metric) {
          case REACHABLE -> SERVICE_DOWN;
          case LIVE -> LIVENESS_DOWN;
          case KAFKA_CHECK, DATABASE_CHECK, NEO4J_CHECK -> DEPENDENCY_DOWN;
          case HEAP_USED_RATIO,
              HEAP_AFTER_GC_RATIO,
              POOL_USAGE_RATIO,
              POOL_AWAITING,
              FD_USAGE_RATIO,
              DISK_USAGE_RATIO,
              PG_CONNECTIONS_RATIO,
              PG_DATABASE_CONNECTIONS_SHARE ->
              RESOURCE_EXHAUSTION;
          case HTTP_5XX_RATIO -> HIGH_ERROR_RATE;
          case HTTP_LATENCY_SECONDS, SEARCH_LATENCY_SECONDS -> HIGH_LATENCY;
          case DB_OPERATION_SECONDS,
              GRAPH_BATCH_SPLITS,
              PG_LOCK_WAITS,
              PG_OLDEST_TRANSACTION_SECONDS ->
              DATABASE_SLOW;
          case LLM_LATENCY_SECONDS, SIMILAR_UNAVAILABLE_RATIO, EMBEDDING_ERRORS -> EXTERNAL_TIMEOUT;
          case CONSUMER_LAG -> CONSUMER_LAG;
          case DLQ_NEW_RECORDS -> DLQ_GROWTH;
          case READY,
              REQUEST_RATE,
              UPTIME_SECONDS,
              DLQ_RECORDS,
              PG_ACTIVE_CONNECTIONS,
              PG_IDLE_CONNECTIONS ->
              null;
        });
  }
}
