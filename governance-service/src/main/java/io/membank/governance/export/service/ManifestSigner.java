package io.membank.governance.export.service;

import io.membank.identity.ServiceCredentials;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/**
 * Signs a bundle's manifest with the service key, the one {@link ServiceCredentials} signs service
 * credentials with ({@code membank.identity.service-key.location}; its public half is in the
 * suite's verification key set under kid {@value ServiceCredentials#KEY_ID}). The signature is a
 * compact JWS (RS256) whose payload is {@code manifest.json} itself: any JOSE library verifies it
 * with that key set; its payload must equal the manifest, whose hashes must match the files
 * (docs/export.md). jose4j, which smallrye-jwt already brings, makes it: no new library.
 */
@ApplicationScoped
public class ManifestSigner {

  private final Optional<String> keyLocation;
  private volatile PrivateKey key;

  ManifestSigner(
      @ConfigProperty(name = "membank.identity.service-key.location")
          Optional<String> keyLocation) {
    this.keyLocation = keyLocation;
  }

  /** The compact JWS whose payload is the manifest. */
  public String sign(String manifest) {
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(manifest);
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    jws.setKeyIdHeaderValue(ServiceCredentials.KEY_ID);
    jws.setHeader("typ", "membank-export-manifest+jws");
    jws.setKey(privateKey());
    try {
      return jws.getCompactSerialization();
    } catch (JoseException e) {
      throw new IllegalStateException("cannot sign the manifest", e);
    }
  }

  private PrivateKey privateKey() {
    PrivateKey k = key;
    if (k == null) {
      String location =
          keyLocation
              .filter(l -> !l.isBlank())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "membank.identity.service-key.location is not configured"));
      try {
        k =
            KeyUtils.decodePrivateKey(
                Files.readString(Path.of(location.replaceFirst("^file:", ""))));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the service key " + location, e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the service key " + location + " is not a PEM key", e);
      }
      key = k;
    }
    return k;
  }
}
