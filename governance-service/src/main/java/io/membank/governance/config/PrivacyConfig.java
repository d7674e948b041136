package io.membank.governance.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * The privacy keyring (a Secret in prod: {@code MEMBANK_PRIVACY_KEYS}), never in the repository.
 */
@ConfigMapping(prefix = "membank.privacy")
public interface PrivacyConfig {

  /**
   * Master keys as {@code id=base64,id2=base64}, oldest first (see platform/privacy Keyring); the
   * same value memory-service uses. Without it detokenization answers 503.
   */
  Optional<String> keys();
}
