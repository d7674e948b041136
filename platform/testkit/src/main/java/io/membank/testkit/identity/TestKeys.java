package io.membank.testkit.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;

/**
 * Two RSA key pairs per test JVM, generated on first use, shaped like {@code bin/membank setup}'s:
 * the users' signing key and the service key. Their public halves are written as one JWKS (key ids
 * {@link #USER_KID} and {@link #SERVICE_KID}); the service key's private half as a PKCS#8 PEM, for
 * services under test that call other services.
 */
final class TestKeys {

  static final String USER_KID = "membank-user";
  static final String SERVICE_KID = "membank-service";

  private static KeyPair user;
  private static KeyPair service;
  private static Path jwks;
  private static Path servicePrivatePem;

  private TestKeys() {}

  static synchronized PrivateKey privateKey() {
    ensure();
    return user.getPrivate();
  }

  static synchronized PrivateKey servicePrivateKey() {
    ensure();
    return service.getPrivate();
  }

  static synchronized Path jwksFile() {
    ensure();
    return jwks;
  }

  static synchronized Path servicePrivateKeyFile() {
    ensure();
    return servicePrivatePem;
  }

  private static void ensure() {
    if (user != null) {
      return;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      user = generator.generateKeyPair();
      service = generator.generateKeyPair();
      jwks = Files.createTempFile("membank-test-jwks", ".json");
      jwks.toFile().deleteOnExit();
      Files.writeString(
          jwks,
          "{\"keys\":["
              + jwk((RSAPublicKey) user.getPublic(), USER_KID)
              + ","
              + jwk((RSAPublicKey) service.getPublic(), SERVICE_KID)
              + "]}");
      servicePrivatePem = Files.createTempFile("membank-test-service-key", ".pem");
      servicePrivatePem.toFile().deleteOnExit();
      Files.writeString(servicePrivatePem, pem("PRIVATE KEY", service.getPrivate().getEncoded()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String jwk(RSAPublicKey key, String kid) {
    return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
        + kid
        + "\",\"n\":\""
        + unsigned(key.getModulus())
        + "\",\"e\":\""
        + unsigned(key.getPublicExponent())
        + "\"}";
  }

  /** Base64url of the big-endian magnitude, without the sign byte (RFC 7518 §6.3.1). */
  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
