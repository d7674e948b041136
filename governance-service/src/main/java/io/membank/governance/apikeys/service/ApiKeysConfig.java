package io.membank.governance.apikeys.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits and defaults of API key management ({@code membank.api-keys.*}). */
@ConfigMapping(prefix = "membank.api-keys")
public interface ApiKeysConfig {

  /** How long the previous secret keeps working after a rotation when the request names none. */
  @WithDefault("PT24H")
  Duration rotationGrace();

  /** The longest grace a rotation may ask for. */
  @WithDefault("P7D")
  Duration maxRotationGrace();

  /** The latest expiry a key may have, counted from its creation. */
  @WithDefault("P730D")
  Duration maxLifetime();

  /** Keys a tenant may have that are neither revoked nor expired. */
  @WithDefault("100")
  int maxActivePerTenant();

  /** argon2id memory per hash, in KiB (OWASP minimum 19456). */
  @WithDefault("19456")
  int hashMemoryKib();

  /** argon2id passes. */
  @WithDefault("2")
  int hashIterations();
}
