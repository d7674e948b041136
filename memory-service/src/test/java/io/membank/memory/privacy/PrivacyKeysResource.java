package io.membank.memory.privacy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A random privacy keyring for the test run (no key is ever checked in). */
public class PrivacyKeysResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return PrivacyFixtures.keyringConfig();
  }

  @Override
  public void stop() {
    // Nothing to release.
  }
}
