package io.membank.identity;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Short-lived credentials this service presents when it calls another MemBank service for a tenant:
 * subject {@code service:<name>}, role {@link Roles#SERVICE}, the tenant claim, signed with the
 * service key ({@code membank.identity.service-key.location}, a PKCS#8 PEM; the suite's
 * verification key set holds its public half under {@link #KEY_ID}). One credential per tenant is
 * reused until a minute before it expires.
 */
@ApplicationScoped
public class ServiceCredentials {

  /** Key id of the service key in the verification key set. */
  public static final String KEY_ID = "membank-service";

  private static final Duration LIFETIME = Duration.ofMinutes(5);
  private static final Duration RENEW_BEFORE = Duration.ofMinutes(1);

  private final Optional<String> keyLocation;
  private final String issuer;
  private final String serviceName;
  private final String keyId;
  private final Map<String, Issued> byTenant = new ConcurrentHashMap<>();
  private volatile PrivateKey key;

  ServiceCredentials(
      @ConfigProperty(name = "membank.identity.service-key.location") Optional<String> keyLocation,
      @ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
      @ConfigProperty(name = "quarkus.application.name") String serviceName,
      @ConfigProperty(name = "membank.identity.service-key-id", defaultValue = KEY_ID)
          String keyId) {
    this.keyLocation = keyLocation;
    this.issuer = issuer;
    this.serviceName = serviceName;
    this.keyId = keyId;
  }

  /** Whether a service key is configured (without one, this service calls no other). */
  public boolean available() {
    return keyLocation.isPresent() && !keyLocation.get().isBlank();
  }

  /** A bearer credential for calls on behalf of the tenant. */
  public String forTenant(String tenant) {
    Instant now = Instant.now();
    Issued issued = byTenant.get(tenant);
    if (issued == null || issued.expiresAt().minus(RENEW_BEFORE).isBefore(now)) {
      Instant expires = now.plus(LIFETIME);
      String token =
          Jwt.issuer(issuer)
              .subject("service:" + serviceName)
              .claim(Caller.TENANT_CLAIM, tenant)
              .claim("jti", UUID.randomUUID().toString())
              .groups(Set.of(Roles.SERVICE))
              .issuedAt(now)
              .expiresAt(expires)
              .jws()
              .keyId(keyId)
              .sign(privateKey());
      issued = new Issued(token, expires);
      byTenant.put(tenant, issued);
    }
    return issued.token();
  }

  private PrivateKey privateKey() {
    PrivateKey k = key;
    if (k == null) {
      String location =
          keyLocation.orElseThrow(
              () ->
                  new IllegalStateException(
                      "membank.identity.service-key.location is not configured"));
      try {
        String pem = Files.readString(Path.of(location.replaceFirst("^file:", "")));
        k = KeyUtils.decodePrivateKey(pem);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the service key " + location, e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("the service key " + location + " is not a PEM key", e);
      }
      key = k;
    }
    return k;
  }

  private record Issued(String token, Instant expiresAt) {}
}
