package io.membank.identity.apikey;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How every service verifies API keys ({@code membank.identity.api-keys.*}). */
@ConfigMapping(prefix = "membank.identity.api-keys")
public interface ApiKeyConfig {

  /** Whether this service accepts API keys (it then reads {@code identity.keys}). */
  @WithDefault("true")
  boolean enabled();

  /**
   * How long a successful argon2id verification of a key's secret is remembered, so that only the
   * first request of a client pays for the hash (46 ms of CPU, docs/benchmarks.md). A revocation,
   * rotation or any other change of the key forgets it at once.
   */
  @WithDefault("PT5M")
  Duration verificationCacheTtl();

  /** At most this many remembered verifications; past it the cache starts over. */
  @WithDefault("10000")
  int verificationCacheSize();

  /**
   * Longest wait of one poll of {@code identity.keys}; a change is applied as soon as it arrives,
   * this only bounds how quickly the reader notices a shutdown.
   */
  @WithDefault("PT0.5S")
  Duration pollTimeout();

  /** Wait between attempts while the topic does not exist or the broker is unreachable. */
  @WithDefault("PT2S")
  Duration retryInterval();

  /**
   * How often the last-used times seen by this service are written to Redis in one batch (a key
   * used a thousand times in that interval costs one write).
   */
  @WithDefault("PT30S")
  Duration lastUsedFlushInterval();
}
