package io.membank.diagnostics.collect;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * The signals diagnostics derives from what it collects, one per component. Each knows whether high
 * or low values are bad, the limit it would exhaust (for forecasts) and the PromQL that shows it in
 * Prometheus (the evidence query of a symptom).
 */
public enum Metric {
  /** 1 when the management interface answered at all, 0 when the process is gone. */
  REACHABLE("reachable", Direction.LOW_IS_BAD, null, "up{service=\"%s\"}"),
  /** 1 when readiness is UP, 0 otherwise (DOWN or unreachable). */
  READY("ready", Direction.LOW_IS_BAD, null, "min_over_time(up{service=\"%s\"}[1m])"),
  /** 1 when liveness is UP: 0 means the process is alive but must be restarted. */
  LIVE("live", Direction.LOW_IS_BAD, null, "up{service=\"%s\"}"),
  /** 1 when the service's Kafka readiness check is UP. */
  KAFKA_CHECK("kafka_check", Direction.LOW_IS_BAD, null, "up{service=\"%s\"}"),
  /** 1 when the service's database readiness check is UP. */
  DATABASE_CHECK("database_check", Direction.LOW_IS_BAD, null, "up{service=\"%s\"}"),
  /** 1 when the service's Neo4j readiness check is UP. */
  NEO4J_CHECK("neo4j_check", Direction.LOW_IS_BAD, null, "up{service=\"%s\"}"),
  /** Heap used / heap max. */
  HEAP_USED_RATIO(
      "heap_used_ratio",
      Direction.HIGH_IS_BAD,
      1.0,
      "sum(jvm_memory_used_bytes{service=\"%1$s\",area=\"heap\"})"
          + " / sum(jvm_memory_max_bytes{service=\"%1$s\",area=\"heap\"})"),
  /** Live data after the last major GC / old generation max: rises steadily when memory leaks. */
  HEAP_AFTER_GC_RATIO(
      "heap_after_gc_ratio",
      Direction.HIGH_IS_BAD,
      1.0,
      "jvm_gc_live_data_size_bytes{service=\"%1$s\"} / jvm_gc_max_data_size_bytes{service=\"%1$s\"}"),
  /**
   * Seconds since the service's JVM started: a process still warming up (classes, caches, JIT)
   * grows its old generation without leaking, so the leak regression waits for it.
   */
  UPTIME_SECONDS(
      "uptime_seconds", Direction.NEUTRAL, null, "process_uptime_seconds{service=\"%s\"}"),
  /** Share of HTTP requests answered 5xx since the previous scrape. */
  HTTP_5XX_RATIO(
      "http_5xx_ratio",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(http_server_requests_seconds_count{service=\"%1$s\",status=~\"5..\"}[1m]))"
          + " / sum(rate(http_server_requests_seconds_count{service=\"%1$s\"}[1m]))"),
  /** Mean HTTP latency since the previous scrape, seconds. */
  HTTP_LATENCY_SECONDS(
      "http_latency_seconds",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(http_server_requests_seconds_sum{service=\"%1$s\"}[1m]))"
          + " / sum(rate(http_server_requests_seconds_count{service=\"%1$s\"}[1m]))"),
  /** HTTP requests per second (the busy-hours history). */
  REQUEST_RATE(
      "request_rate",
      Direction.NEUTRAL,
      null,
      "sum(rate(http_server_requests_seconds_count{service=\"%s\"}[1m]))"),
  /** Connections in use / pool max (agroal). */
  POOL_USAGE_RATIO(
      "pool_usage_ratio",
      Direction.HIGH_IS_BAD,
      1.0,
      "max(agroal_active_count{service=\"%1$s\"}) / max(agroal_max_used_count{service=\"%1$s\"})"),
  /** Threads waiting for a connection. */
  POOL_AWAITING(
      "pool_awaiting", Direction.HIGH_IS_BAD, null, "max(agroal_awaiting_count{service=\"%s\"})"),
  /** Open file descriptors / allowed. */
  FD_USAGE_RATIO(
      "fd_usage_ratio",
      Direction.HIGH_IS_BAD,
      1.0,
      "process_files_open_files{service=\"%1$s\"} / process_files_max_files{service=\"%1$s\"}"),
  /** Used / limit of a watched path. */
  DISK_USAGE_RATIO(
      "disk_usage_ratio", Direction.HIGH_IS_BAD, 1.0, "membank_disk_usage_ratio{path=\"%s\"}"),
  /** Largest per-partition lag of a consumer group (admin client) or a service's consumers. */
  CONSUMER_LAG(
      "consumer_lag",
      Direction.HIGH_IS_BAD,
      null,
      "max(kafka_consumer_fetch_manager_records_lag_max{service=\"%s\"})"),
  /** Records in a dead-letter topic. */
  DLQ_RECORDS(
      "dlq_records",
      Direction.HIGH_IS_BAD,
      null,
      "kafka_topic_partition_current_offset{topic=\"%s\"}"),
  /**
   * Records a dead-letter topic received within the symptom window (by the broker's record
   * timestamps): growth, however new the topic is.
   */
  DLQ_NEW_RECORDS(
      "dlq_new_records",
      Direction.HIGH_IS_BAD,
      null,
      "sum(increase(kafka_topic_partition_current_offset{topic=\"%s\"}[15m]))"),
  /** Mean duration of model calls since the previous scrape, seconds. */
  LLM_LATENCY_SECONDS(
      "llm_latency_seconds",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(llm_request_duration_seconds_sum{service=\"%1$s\"}[1m]))"
          + " / sum(rate(llm_request_duration_seconds_count{service=\"%1$s\"}[1m]))"),
  /** Share of similar-memory lookups memory-service could not get from search-service. */
  SIMILAR_UNAVAILABLE_RATIO(
      "similar_unavailable_ratio",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(memory_similar_lookups_total{service=\"%1$s\",source=\"unavailable\"}[1m]))"
          + " / sum(rate(memory_similar_lookups_total{service=\"%1$s\"}[1m]))"),
  /** Embedding failures per second. */
  EMBEDDING_ERRORS(
      "embedding_errors",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(search_embedding_errors_total{service=\"%s\"}[1m]))"),
  /** Mean search latency since the previous scrape, seconds. */
  SEARCH_LATENCY_SECONDS(
      "search_latency_seconds",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(search_latency_seconds_sum{service=\"%1$s\"}[1m]))"
          + " / sum(rate(search_latency_seconds_count{service=\"%1$s\"}[1m]))"),
  /** Graph write batches split per second (Neo4j rejecting or timing out whole batches). */
  GRAPH_BATCH_SPLITS(
      "graph_batch_splits",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(graph_events_batch_splits_total{service=\"%s\"}[1m]))"),
  /**
   * Client connections to the PostgreSQL server / the connections it accepts from ordinary roles
   * ({@code max_connections - superuser_reserved_connections}); component {@code postgresql}.
   */
  PG_CONNECTIONS_RATIO(
      "pg_connections_ratio",
      Direction.HIGH_IS_BAD,
      1.0,
      "select count(*) from pg_stat_activity where backend_type = 'client backend'"
          + " /* %s: compare with max_connections */"),
  /** Share of the server's accepted connections held by sessions on one service's database. */
  PG_DATABASE_CONNECTIONS_SHARE(
      "pg_database_connections_share",
      Direction.HIGH_IS_BAD,
      null,
      "select state, usename, application_name, client_addr, count(*) from pg_stat_activity"
          + " where datname = (the database of %s) group by 1, 2, 3, 4 order by 5 desc"),
  /** Sessions on a service's database running a statement (connections by state: active). */
  PG_ACTIVE_CONNECTIONS(
      "pg_active_connections",
      Direction.NEUTRAL,
      null,
      "select count(*) from pg_stat_activity where state = 'active' and datname = (database of %s)"),
  /** Sessions on a service's database doing nothing (connections by state: idle). */
  PG_IDLE_CONNECTIONS(
      "pg_idle_connections",
      Direction.NEUTRAL,
      null,
      "select count(*) from pg_stat_activity where state = 'idle' and datname = (database of %s)"),
  /** Sessions on a service's database waiting for a lock another session holds. */
  PG_LOCK_WAITS(
      "pg_lock_waits",
      Direction.HIGH_IS_BAD,
      null,
      "select pid, pg_blocking_pids(pid), now() - query_start, query from pg_stat_activity"
          + " where wait_event_type = 'Lock' and datname = (the database of %s)"),
  /** Age of the oldest open transaction on a service's database, seconds. */
  PG_OLDEST_TRANSACTION_SECONDS(
      "pg_oldest_transaction_seconds",
      Direction.HIGH_IS_BAD,
      null,
      "select pid, state, now() - xact_start as age, query from pg_stat_activity"
          + " where datname = (the database of %s) order by xact_start limit 5"),
  /** Mean duration of database operations since the previous scrape, seconds. */
  DB_OPERATION_SECONDS(
      "db_operation_seconds",
      Direction.HIGH_IS_BAD,
      null,
      "sum(rate(memory_operation_duration_seconds_sum{service=\"%1$s\"}[1m]))"
          + " / sum(rate(memory_operation_duration_seconds_count{service=\"%1$s\"}[1m]))");

  /** Which side of a threshold is unhealthy. */
  public enum Direction {
    HIGH_IS_BAD,
    LOW_IS_BAD,
    NEUTRAL
  }

  private final String key;
  private final Direction direction;
  private final Double limit;
  private final String promql;

  Metric(String key, Direction direction, Double limit, String promql) {
    this.key = key;
    this.direction = direction;
    this.limit = limit;
    this.promql = promql;
  }

  /** Stable name in the store, the config and the API. */
  @JsonValue
  public String key() {
    return key;
  }

  public Direction direction() {
    return direction;
  }

  /** The value at which the resource is exhausted, if it has one. */
  public Optional<Double> limit() {
    return Optional.ofNullable(limit);
  }

  /**
   * The query that shows this signal for a component: PromQL against Prometheus, or for the {@code
   * pg_*} signals the SQL on {@code pg_stat_activity} they come from.
   */
  public String promql(String component) {
    return String.format(promql, component);
  }

  /** Whether {@code value} is worse than {@code threshold} for this metric. */
  public boolean breaches(double value, double threshold) {
    return switch (direction) {
      case HIGH_IS_BAD -> value >= threshold;
      case LOW_IS_BAD -> value <= threshold;
      case NEUTRAL -> false;
    };
  }

  /** The metric with this key. */
  public static Optional<Metric> byKey(String key) {
    return Arrays.stream(values()).filter(m -> m.key.equals(key)).findFirst();
  }
}
