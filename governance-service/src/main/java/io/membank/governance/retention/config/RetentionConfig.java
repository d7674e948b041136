package io.membank.governance.retention.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The retention enforcer's timing and its test-only "as of" switch. */
@ConfigMapping(prefix = "membank.governance.retention")
public interface RetentionConfig {

  /** How often a pass runs (a Quarkus scheduler interval); "off" disables the schedule. */
  @WithDefault("1h")
  String every();

  /** How often pending runs are looked at and re-sent (a Quarkus scheduler interval). */
  @WithDefault("15s")
  String retryTick();

  /** A run not confirmed this long after its last send is sent again. */
  @WithDefault("PT1M")
  Duration retryEvery();

  /**
   * Whether {@code POST /retention/runs} accepts an {@code as_of} time (moves the clock of one run:
   * for end-to-end tests of a running stack). Off by default; never on in production.
   */
  @WithDefault("false")
  boolean allowAsOf();
}
