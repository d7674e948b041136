package io.membank.testkit.identity;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a service under test the public key of {@link TestTokens}'s signing key, so tokens made in
 * the test verify exactly as production credentials do (signature, issuer, expiry).
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "mp.jwt.verify.publickey.location",
        TestKeys.publicKeyFile().toUri().toString(),
        "mp.jwt.verify.issuer",
        TestTokens.ISSUER);
  }

  @Override
  public void stop() {
    // The key pair lives for the JVM; nothing to release per test class.
  }
}
