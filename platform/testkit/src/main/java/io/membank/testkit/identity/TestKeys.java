package io.membank.testkit.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;

/** One RSA key pair per test JVM, generated on first use; the public half is written as PEM. */
final class TestKeys {

  private static KeyPair pair;
  private static Path publicPem;

  private TestKeys() {}

  static synchronized PrivateKey privateKey() {
    ensure();
    return pair.getPrivate();
  }

  static synchronized Path publicKeyFile() {
    ensure();
    return publicPem;
  }

  private static void ensure() {
    if (pair != null) {
      return;
    }
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
      String body =
          Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pair.getPublic().getEncoded());
      publicPem = Files.createTempFile("membank-test-jwt", ".pem");
      publicPem.toFile().deleteOnExit();
      Files.writeString(
          publicPem, "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
