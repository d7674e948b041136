package io.membank.cost.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** cost-service settings ({@code membank.cost.*}). */
@ConfigMapping(prefix = "membank.cost")
public interface CostConfig {

  /**
   * The tenant whose admins run the platform: only they may edit prices, re-price a period and set
   * global budgets. Unset: nobody may.
   */
  Optional<String> operatorTenant();

  /** Usage reports. */
  Reports reports();

  /** Budget evaluation. */
  Budgets budgets();

  /** Savings recommendations. */
  Recommendations recommendations();

  /** Usage reports. */
  interface Reports {
    /** Longest range one report may cover (a year and a bit). */
    @WithDefault("P400D")
    Duration maxRange();

    /** Most rows one page of a report returns. */
    @WithDefault("10000")
    int maxRows();
  }

  /** Budget evaluation. */
  interface Budgets {
    /**
     * How often tenants whose state is not normal are evaluated again without new usage, so a
     * period rollover returns them to normal within this interval.
     */
    @WithDefault("30s")
    Duration recheckInterval();

    /** Default thresholds, as fractions of the limit, when a budget does not set its own. */
    @WithDefault("0.8")
    double warnAt();

    @WithDefault("0.9")
    double degradeAt();

    @WithDefault("1.0")
    double stopAt();
  }

  /** Savings recommendations (LLM from the ledger, cloud from Prometheus). */
  interface Recommendations {

    /** LLM recommendations. */
    Llm llm();

    /** Cloud recommendations. */
    Cloud cloud();
  }

  /** LLM recommendations: what the ledger shows, extrapolated to a 30-day month. */
  interface Llm {
    /** How much ledger history to read. */
    @WithDefault("P30D")
    Duration window();

    /** A burst: calls of one user and operation within this slot could go in one request. */
    @WithDefault("PT5M")
    Duration batchSlot();

    /** Fewest calls in a slot that make a burst worth batching. */
    @WithDefault("3")
    int batchMinCalls();

    /** A call with at most this many input tokens is small enough to batch. */
    @WithDefault("4000")
    long batchSmallTokens();

    /** A response cache would answer a prompt seen again within this time. */
    @WithDefault("PT24H")
    Duration cacheTtl();

    /**
     * A prompt longer than this is a long context: input beyond it is what trimming (a running
     * summary instead of the whole history) would save.
     */
    @WithDefault("8000")
    long longContextTokens();
  }

  /** Cloud recommendations. */
  interface Cloud {
    /** Prometheus' base URL (its HTTP API); unset: no cloud recommendations. */
    Optional<String> prometheusUrl();

    @WithDefault("10s")
    Duration prometheusTimeout();

    /** The window the p95 usage is taken over (a PromQL range, e.g. 7d). */
    @WithDefault("7d")
    String window();

    /** The subquery resolution of the p95 (a PromQL duration). */
    @WithDefault("1m")
    String resolution();

    /** Right-size to p95 usage times this. */
    @WithDefault("1.3")
    double headroom();

    /** Recommend a change only when it saves at least this share of the request. */
    @WithDefault("0.2")
    double minReduction();

    /** Floors of a right-sized request. */
    @WithDefault("0.05")
    double minCpuCores();

    @WithDefault("256")
    long minMemoryMib();

    /** Fewest replicas an idle-replica recommendation leaves (availability). */
    @WithDefault("2")
    int minReplicas();

    /** Below this p95 CPU (cores) with no requests served, a deployment counts as unused. */
    @WithDefault("0.01")
    double unusedCpuCores();

    /**
     * Where requested CPU/memory, replicas and volumes come from: {@code values} (the Helm chart
     * values files in {@link #valuesFiles()}, merged in order) or {@code kubernetes} (the
     * Deployments in {@link #namespace()}).
     */
    @WithDefault("values")
    String requestsSource();

    /** Helm values files, later ones overriding earlier ones. */
    Optional<List<String>> valuesFiles();

    /** The namespace of the Deployments (requests source and apply). */
    @WithDefault("membank")
    String namespace();

    /** Deployments that keep no state of their own and may run on spot capacity. */
    @WithDefault(
        "memory-service,search-service,graph-service,audit-service,governance-service,"
            + "diagnostics-service,cost-service")
    List<String> stateless();

    /**
     * The operator's approval to change the cluster: without it, {@code apply} is refused and
     * nothing touches the Kubernetes API.
     */
    @WithDefault("false")
    boolean applyApproved();

    /**
     * PromQL templates ({@code %1$s} = service label, {@code %2$s} = window, {@code %3$s} = step).
     */
    Queries queries();
  }

  /**
   * The PromQL each cloud figure comes from; defaults read the services' own Micrometer metrics.
   */
  interface Queries {
    /** p95 of the CPU cores the deployment used, all instances together. */
    @WithDefault(
        "quantile_over_time(0.95, sum(process_cpu_usage{service=\"%1$s\"}"
            + " * system_cpu_count{service=\"%1$s\"})[%2$s:%3$s])")
    String cpuP95();

    /** p95 of the memory (bytes) the deployment used, all instances together. */
    @WithDefault(
        "quantile_over_time(0.95, sum(jvm_memory_used_bytes{service=\"%1$s\"})[%2$s:%3$s])")
    String memoryP95();

    /** Most requests per second the deployment served in the window. */
    @WithDefault(
        "max_over_time(sum(rate(http_server_requests_seconds_count{service=\"%1$s\"}[5m]))"
            + "[%2$s:%3$s])")
    String requestRateMax();

    /** Instances Prometheus scrapes now. */
    @WithDefault("count(up{service=\"%1$s\"} == 1)")
    String instances();

    /** p95 of the bytes used on a volume ({@code %1$s} = claim name). */
    @WithDefault(
        "quantile_over_time(0.95, max(kubelet_volume_stats_used_bytes"
            + "{persistentvolumeclaim=\"%1$s\"})[%2$s:%3$s])")
    String volumeUsedP95();
  }
}
