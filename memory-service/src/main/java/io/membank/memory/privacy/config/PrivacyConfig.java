package io.membank.memory.privacy.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** How memory-service keeps the tenants' privacy policies and applies them to every write. */
@ConfigMapping(prefix = "membank.privacy")
public interface PrivacyConfig {

  /**
   * Master keys as {@code id=base64,id2=base64}, oldest first (platform/privacy Keyring): the same
   * value governance-service has ({@code MEMBANK_PRIVACY_KEYS}). Without it, a job whose policy
   * asks to hash, tokenize or encrypt a value it contains waits instead of being stored raw.
   */
  Optional<String> keys();

  /** The {@code governance.policies} feed. */
  Feed feed();

  /** The policy feed's timings. */
  interface Feed {

    /**
     * How long one poll of the policy topic waits for records. A published policy reaches the jobs
     * within this plus the governance relay's 1 s (the issue allows 5 s).
     */
    @WithDefault("500ms")
    Duration pollTimeout();

    /** Bound of each call that asks the broker for end offsets or partitions. */
    @WithDefault("5s")
    Duration brokerTimeout();

    /** How often the feed asks the broker whether it still has every record (its lag is 0). */
    @WithDefault("2s")
    Duration confirmEvery();

    /**
     * A tenant without a policy of its own gets the default only while the feed was confirmed
     * current this recently: if the broker cannot be reached for longer, that tenant's policy may
     * be one we have not read, so its jobs wait (tenants with a known policy keep flowing).
     */
    @WithDefault("15s")
    Duration maxStaleness();

    /** Pause after the broker could not be reached, before trying again. */
    @WithDefault("1s")
    Duration retryBackoff();
  }
}
