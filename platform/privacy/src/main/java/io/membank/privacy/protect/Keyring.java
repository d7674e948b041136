package io.membank.privacy.protect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The service's master keys, by id, from which every tenant's keys are derived (HMAC-SHA-256 of a
 * purpose and the tenant id, as in HKDF-Expand), so no per-tenant key is stored anywhere. The
 * newest key encrypts; every listed key still decrypts, which is how rotation keeps old data
 * readable. The hash key is pinned to the oldest listed key: rotating it would change every hash
 * and break joins, so it is a deliberate migration, not part of rotation.
 *
 * <p>Spec form (an environment variable or Secret, never the repository): {@code
 * id1=base64,id2=base64}, oldest first; each key at least 32 bytes.
 */
public final class Keyring {

  private static final int MIN_KEY_BYTES = 32;

  private final Map<String, byte[]> keys;
  private final String activeKeyId;
  private final String hashKeyId;

  public Keyring(Map<String, byte[]> keysOldestFirst) {
    if (keysOldestFirst.isEmpty()) {
      throw new IllegalArgumentException("a keyring needs at least one key");
    }
    Map<String, byte[]> copy = new LinkedHashMap<>();
    keysOldestFirst.forEach(
        (id, key) -> {
          if (id.isBlank() || !id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("key ids are 1-32 of [A-Za-z0-9_-]: " + id);
          }
          if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("key " + id + " is shorter than 32 bytes");
          }
          copy.put(id, key.clone());
        });
    this.keys = copy;
    this.hashKeyId = copy.keySet().iterator().next();
    this.activeKeyId = copy.keySet().stream().reduce((a, b) -> b).orElseThrow();
  }

  /** Parses {@code id1=base64,id2=base64} (oldest first). */
  public static Keyring parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty keyring");
    }
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (String entry : spec.split(",")) {
      int eq = entry.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("keyring entries are id=base64");
      }
      keys.put(
          entry.substring(0, eq).trim(),
          Base64.getDecoder().decode(entry.substring(eq + 1).trim()));
    }
    return new Keyring(keys);
  }

  public String activeKeyId() {
    return activeKeyId;
  }

  /** The keys of one tenant. */
  public KeyMaterial forTenant(String tenantId) {
    Map<String, byte[]> encryption = new LinkedHashMap<>();
    keys.forEach((id, key) -> encryption.put(id, derive(key, "encrypt", tenantId)));
    return new KeyMaterial(
        tenantId,
        derive(keys.get(hashKeyId), "hash", tenantId),
        derive(keys.get(hashKeyId), "token", tenantId),
        activeKeyId,
        encryption);
  }

  static byte[] derive(byte[] master, String purpose, String tenantId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(master, "HmacSHA256"));
      return mac.doFinal(
          ("membank-privacy/v1|" + purpose + "|" + tenantId).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
