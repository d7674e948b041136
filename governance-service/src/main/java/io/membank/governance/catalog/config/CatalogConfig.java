package io.membank.governance.catalog.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** The data catalog: where its descriptors are, who may change it, how much is sampled. */
@ConfigMapping(prefix = "membank.governance.catalog")
public interface CatalogConfig {

  /**
   * The descriptors loaded at start, {@code catalog/<name>.yaml} on the classpath (the build copies
   * the repository's {@code catalog/} folder there); CatalogCompletenessTest keeps this list equal
   * to the folder.
   */
  @WithDefault(
      "platform,memory-service,search-service,graph-service,audit-service,governance-service,"
          + "diagnostics-service,cost-service")
  List<String> descriptors();

  /** Load the descriptors into PostgreSQL at start (idempotent; off only in focused tests). */
  @WithDefault("true")
  boolean loadAtStart();

  /** The tenant whose admins classify and confirm (the catalog is platform-wide); unset: nobody. */
  Optional<String> operatorTenant();

  /** Rows sampled from a table governance-service can read (its own) per classification. */
  @WithDefault("200")
  int sampleRows();

  /** Values an admin may post per classification, over all fields. */
  @WithDefault("2000")
  int maxPostedValues();

  /** Characters per posted value (a memory's content is far smaller). */
  @WithDefault("65536")
  int maxValueChars();

  /**
   * Findings below this confidence are counted in the evidence but do not raise the proposal: the
   * structured detectors report ≥ 0.85, the best-effort name and address cues 0.6–0.75.
   */
  @WithDefault("0.8")
  double minConfidence();
}
