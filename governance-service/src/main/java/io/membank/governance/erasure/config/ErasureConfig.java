package io.membank.governance.erasure.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The erasure saga's participants and timing. */
@ConfigMapping(prefix = "membank.governance.erasure")
public interface ErasureConfig {

  /** Services that must confirm (with nothing left) before an erasure is complete. */
  @WithDefault("memory-service,search-service,graph-service,cost-service,audit-service")
  List<String> services();

  /** After this, an erasure some service has not confirmed clean is {@code incomplete}. */
  @WithDefault("PT2M")
  Duration deadline();

  /** How often an unfinished erasure's request is sent again (stragglers, after a restart). */
  @WithDefault("PT15S")
  Duration retryEvery();

  /** How often the scheduler looks for erasures to re-send (a Quarkus scheduler interval). */
  @WithDefault("5s")
  String retryTick();
}
