package io.membank.testkit.identity;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a service under test the verification key set of {@link TestTokens}'s signing keys, so
 * tokens made in the test verify exactly as production credentials do (signature, key id, issuer,
 * expiry), and the service key, so the service can call others with service credentials.
 */
public class JwtResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of(
        "mp.jwt.verify.publickey.location",
        TestKeys.jwksFile().toUri().toString(),
        "mp.jwt.verify.issuer",
        TestTokens.ISSUER,
        "membank.identity.service-key.location",
        TestKeys.servicePrivateKeyFile().toString());
  }

  @Override
  public void stop() {
    // The key pair lives for the JVM; nothing to release per test class.
  }
}
