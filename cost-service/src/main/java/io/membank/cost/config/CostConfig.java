package io.membank.cost.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
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
}
