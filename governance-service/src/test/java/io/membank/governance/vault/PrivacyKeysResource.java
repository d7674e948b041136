package io.membank.governance.vault;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/** A fresh random keyring per test run (keys are never checked in). */
public class PrivacyKeysResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return Map.of("membank.privacy.keys", "k1=" + Base64.getEncoder().encodeToString(key));
  }

  @Override
  public void stop() {}
}
