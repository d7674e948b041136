package io.membank.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Limits, rules and receivers of audit-service, each with a sane default. */
@ConfigMapping(prefix = "membank.audit")
public interface AuditConfig {

  /** Who may read which tenant's trail. */
  Access access();

  /** Kafka intake of {@code audit.events}. */
  Intake intake();

  /** Thresholds of the risk rules (the rules themselves are in {@code RiskRules}). */
  Risk risk();

  /** Signed checkpoints of every chain head. */
  Checkpoint checkpoint();

  /** Where high-risk events are sent. */
  Alerts alerts();

  /** The delivery worker (alerts and report e-mails). */
  Delivery delivery();

  /** Compliance reports. */
  Reports reports();

  /** Crypto-shredding of subjects' personal fields (issue 17). */
  Shredding shredding();

  /** Crypto-shredding. */
  interface Shredding {
    /**
     * The master key that wraps every subject key: base64 of 32 random bytes, from a Secret in
     * production (MEMBANK_AUDIT_SHREDDING_MASTER_KEY). Unset: the key in {@link #masterKeyFile()},
     * made on first start. Losing it makes every sealed field unreadable, as if erased.
     */
    Optional<String> masterKey();

    /** Where the master key lives when none is configured (relative to the working directory). */
    @WithDefault("subject-master.key")
    Path masterKeyFile();
  }

  /** Read access. */
  interface Access {
    /**
     * Admins whose credential names this tenant may read any tenant's trail by passing {@code
     * tenant}; everyone else reads their own tenant only. Unset: nobody reads across tenants.
     */
    Optional<String> operatorTenant();

    /** Largest page of {@code GET /api/v1/audit/events}. */
    @WithDefault("200")
    int maxPageSize();
  }

  /** Kafka intake. */
  interface Intake {
    /** Longest kept string field (actor, resource, ip, ...); longer ones are cut, with a note. */
    @WithDefault("1024")
    int maxFieldChars();

    /** Largest kept {@code details} object, as JSON; a larger one is replaced by a note. */
    @WithDefault("65536")
    int maxDetailsBytes();

    /** Attempts of a batch when the database fails for a transient reason. */
    @WithDefault("5")
    int maxAttempts();

    /** First pause between those attempts (doubled each time). */
    @WithDefault("500ms")
    Duration retryBackoff();
  }

  /** Thresholds of the risk rules. */
  interface Risk {
    /** An export of at least this many records is high risk. */
    @WithDefault("1000")
    long bulkExportRecords();

    /** A delete of at least this many records is high risk. */
    @WithDefault("100")
    long bulkDeleteRecords();

    /** Failed or unauthorized attempts by one actor within the window that make a burst. */
    @WithDefault("5")
    int burstThreshold();

    /** The sliding window of the burst rule. */
    @WithDefault("60s")
    Duration burstWindow();

    /**
     * Actors (credential subjects, e.g. an application) that routinely delete data on behalf of its
     * owners: their deletes are not "of another subject's data".
     */
    Optional<Set<String>> delegates();

    /** Business hours: time zone. */
    @WithDefault("UTC")
    ZoneId businessZone();

    /** Business hours: first minute. */
    @WithDefault("08:00")
    LocalTime businessStart();

    /** Business hours: end (exclusive). */
    @WithDefault("19:00")
    LocalTime businessEnd();

    /** Business days. */
    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    Set<DayOfWeek> businessDays();
  }

  /** Signed checkpoints. */
  interface Checkpoint {
    /** How often the heads of chains that moved are signed. */
    @WithDefault("1m")
    String every();

    /**
     * HMAC-SHA256 key (at least 32 characters); set it from a Secret in production
     * (MEMBANK_AUDIT_CHECKPOINT_KEY). Unset: the key in {@link #keyFile()}, made on first start.
     */
    Optional<String> key();

    /** Where the key lives when none is configured (relative to the working directory). */
    @WithDefault("checkpoint.key")
    Path keyFile();

    /** Name of the key, stored with each checkpoint so keys can rotate. */
    @WithDefault("k1")
    String keyId();

    /** Older keys by id, still accepted when verifying old checkpoints. */
    Map<String, String> previousKeys();
  }

  /** Alert receivers. */
  interface Alerts {
    /** Lowest risk that raises an alert. */
    @WithDefault("high")
    String minRisk();

    /** Alerts with the same dedup key within this window are one alert. */
    @WithDefault("10m")
    Duration dedupWindow();

    /** Publish alerts to the {@code audit.alerts} Kafka topic. */
    @WithDefault("true")
    boolean kafkaEnabled();

    /** PagerDuty Events API v2. */
    PagerDuty pagerduty();

    /** PagerDuty Events API v2. */
    interface PagerDuty {
      /** The enqueue endpoint. */
      @WithDefault("https://events.pagerduty.com/v2/enqueue")
      String url();

      /** Integration (routing) key; unset disables PagerDuty. */
      Optional<String> routingKey();

      /** Per-request timeout. */
      @WithDefault("5s")
      Duration timeout();

      /** {@code payload.source} of every event. */
      @WithDefault("membank-audit-service")
      String source();
    }
  }

  /** The delivery worker. */
  interface Delivery {
    /** Safety-net poll (deliveries are also started right after the commit that made them). */
    @WithDefault("1s")
    String pollEvery();

    /** Deliveries taken per round. */
    @WithDefault("50")
    int batchSize();

    /** First retry delay, doubled per attempt. */
    @WithDefault("2s")
    Duration initialBackoff();

    /** Longest retry delay. */
    @WithDefault("10m")
    Duration maxBackoff();

    /** Attempts before a delivery is given up (status failed). */
    @WithDefault("12")
    int maxAttempts();
  }

  /** Compliance reports. */
  interface Reports {
    /** When the scheduler looks for due scheduled reports (Quarkus cron, seconds first). */
    @WithDefault("0 7 * * * ?")
    String cron();

    /** Zone in which days, weeks and months of scheduled reports begin. */
    @WithDefault("UTC")
    ZoneId zone();

    /** Longest period of one report. */
    @WithDefault("400d")
    Duration maxPeriod();

    /** Most rows of a listing section (e.g. high-risk events) in one report. */
    @WithDefault("500")
    int maxRows();

    /** Scheduled reports by name. */
    Map<String, Schedule> schedules();

    /** One scheduled report. */
    interface Schedule {
      /** gdpr, sox or security. */
      String template();

      /** daily, weekly or monthly. */
      String frequency();

      /** Tenants to report on; empty: every tenant with a trail. */
      Optional<List<String>> tenants();

      /** Who receives it by e-mail. */
      Optional<List<String>> recipients();

      /** Formats attached to the e-mail. */
      @WithDefault("pdf")
      List<String> attach();
    }
  }
}
