package io.membank.diagnostics.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything diagnostics-service reads from configuration ({@code membank.diagnostics.*}). */
@ConfigMapping(prefix = "membank.diagnostics")
public interface DiagnosticsConfig {

  /** The tenant whose admins operate the platform; diagnoses are visible only to it. */
  @WithDefault("operations")
  String operationsTenant();

  Collect collect();

  Symptoms symptoms();

  Anomaly anomaly();

  PagerDuty pagerduty();

  Healing healing();

  Prediction prediction();

  /** Where and how often metrics and health are gathered. */
  interface Collect {
    /** How often every target is scraped (the resolution of the raw series). */
    @WithDefault("10s")
    Duration interval();

    /** Whether the scheduler collects at all (tests drive collection themselves). */
    @WithDefault("true")
    boolean enabled();

    /**
     * Timeout of one scrape or health call: longer than the services' own readiness checks take
     * when a dependency is gone (Kafka and database checks are bounded at 5 s), so a dead broker
     * reads as a DOWN check in the readiness body rather than as a call that timed out.
     */
    @WithDefault("8s")
    Duration timeout();

    /**
     * Services to scrape, by short name: management base URL ({@code http://host:port}); the
     * service's {@code /q/metrics} and {@code /q/health/*} are read from it.
     */
    Map<String, String> targets();

    /** Kafka consumer lag and dead-letter sizes through the admin client. */
    @WithDefault("true")
    boolean kafka();

    /** PostgreSQL sessions ({@code pg_stat_activity}) of each service's database. */
    Postgres postgres();

    /** Prometheus' HTTP API as the metrics source, when configured (scraping otherwise). */
    Prometheus prometheus();

    /** Paths whose size is watched against a limit (short name → path and limit). */
    Map<String, DiskLimit> disks();

    /** Raw samples kept at full resolution before they are downsampled. */
    @WithDefault("24h")
    Duration rawRetention();

    /** Width of a downsampled bucket. */
    @WithDefault("5m")
    Duration rollupBucket();

    /** How long downsampled buckets are kept. */
    @WithDefault("30d")
    Duration rollupRetention();

    /** Hard cap on raw rows (oldest go first): bounds the store whatever the target count. */
    @WithDefault("2000000")
    long maxRawRows();
  }

  /**
   * Sessions of the PostgreSQL server diagnostics' own datasource connects to (the services'
   * databases live there too). Seeing other roles' session state needs {@code pg_monitor} (the
   * devstack grants it); without it only connection counts are known.
   */
  interface Postgres {
    @WithDefault("true")
    boolean enabled();

    /** Service (component) → the database it owns, e.g. {@code memory-service=membank_memory}. */
    Map<String, String> databases();
  }

  /**
   * Prometheus' HTTP API ({@code /api/v1/query}): the metric signals of each target as PromQL (the
   * same queries a symptom names as evidence). A target Prometheus has no fresh data for, or a
   * Prometheus that does not answer, is scraped directly.
   */
  interface Prometheus {
    /** Base URL, e.g. {@code http://127.0.0.1:9390}; absent: scrape every target directly. */
    Optional<String> url();

    /** Timeout of one query. */
    @WithDefault("3s")
    Duration timeout();
  }

  /** A path whose size is checked against a limit (a quota the filesystem may not enforce). */
  interface DiskLimit {
    String path();

    long limitBytes();
  }

  /** Static thresholds per metric key (see {@code Metric}), warning and critical. */
  interface Symptoms {
    Map<String, Threshold> thresholds();

    /** How far back the duration of a symptom and the leak regression look. */
    @WithDefault("15m")
    Duration window();

    /** An open diagnosis not seen again for this long is resolved. */
    @WithDefault("30s")
    Duration resolveAfter();

    /**
     * A process's warm-up: no leak verdict while a service has been up for less than this, and the
     * regression reads only samples taken after it (a JVM's old generation fills with classes,
     * caches and JIT-compiled code in its first minutes without leaking).
     */
    @WithDefault("5m")
    Duration leakWarmUp();

    /** Minimum rise of heap-after-GC over the window, as a ratio of max, to call it a leak. */
    @WithDefault("0.10")
    double leakMinRise();
  }

  /** One static threshold; the metric's direction decides whether above or below is bad. */
  interface Threshold {
    double warning();

    double critical();
  }

  /** Anomaly detection against each metric's own baseline: median ± k · MAD. */
  interface Anomaly {
    @WithDefault("true")
    boolean enabled();

    /** Robust z-score beyond which a value is anomalous. */
    @WithDefault("6.0")
    double k();

    /** Samples of history needed before a baseline is trusted. */
    @WithDefault("30")
    int minSamples();

    /** How far back the baseline looks. */
    @WithDefault("6h")
    Duration baseline();
  }

  /** PagerDuty Events API v2 for high-severity diagnoses and failed healing. */
  interface PagerDuty {
    /** {@code https://events.pagerduty.com/v2/enqueue}, or the local stack's receiver. */
    Optional<String> url();

    Optional<String> routingKey();

    @WithDefault("5s")
    Duration timeout();
  }

  /** Self-healing and its safeguards. */
  interface Healing {
    /** Whether healing acts at all; off, diagnoses only recommend. */
    @WithDefault("true")
    boolean enabled();

    /** Plan and audit actions but never execute them. */
    @WithDefault("true")
    boolean dryRun();

    /** {@code local} (the bin/membank stack), {@code kubernetes}, or {@code none}. */
    @WithDefault("none")
    String runtime();

    /** Action types that may run without approval (when their solution allows it). */
    @WithDefault("restart_service")
    Set<String> automatic();

    /** At most this many actions of one type on one target per rate window. */
    @WithDefault("2")
    int maxActionsPerTarget();

    @WithDefault("30m")
    Duration rateWindow();

    /** The symptom must be gone this long after the action, else it is rolled back. */
    @WithDefault("90s")
    Duration verifyAfter();

    /** Scale never goes below this many replicas. */
    @WithDefault("1")
    int minReplicas();

    /** Scale never goes above this many replicas. */
    @WithDefault("5")
    int maxReplicas();

    /** Freeze windows (planned maintenance) during which nothing runs automatically. */
    Optional<List<String>> freezeWindows();

    Local local();

    Kubernetes kubernetes();
  }

  /** The local stack: the repository's {@code bin/membank}. */
  interface Local {
    /** Path of {@code bin/membank}; it restarts one service with {@code restart <name>}. */
    @WithDefault("bin/membank")
    String command();

    @WithDefault("120s")
    Duration timeout();
  }

  /** The cluster the suite runs in. */
  interface Kubernetes {
    @WithDefault("membank")
    String namespace();
  }

  /** Time-to-exhaustion forecasts and maintenance proposals. */
  interface Prediction {
    /** The recent window the trend is fitted on. */
    @WithDefault("1h")
    Duration window();

    /** Only exhaustion within this horizon is reported. */
    @WithDefault("72h")
    Duration horizon();

    /** Samples needed before a trend is fitted. */
    @WithDefault("6")
    int minSamples();

    /** How long a maintenance window lasts. */
    @WithDefault("1h")
    Duration maintenanceLength();

    /** A proposed window starts no earlier than this from now. */
    @WithDefault("15m")
    Duration leadTime();
  }
}
