package io.membank.privacy.protect;

import java.util.Map;

/**
 * One tenant's derived keys: for hashing, for token ids, and AES-256 keys by id (the active one
 * encrypts, all of them decrypt). Get it from {@link Keyring#forTenant}.
 */
public record KeyMaterial(
    String tenantId,
    byte[] hashKey,
    byte[] tokenKey,
    String activeKeyId,
    Map<String, byte[]> encryptionKeys) {

  public KeyMaterial {
    encryptionKeys = Map.copyOf(encryptionKeys);
    if (!encryptionKeys.containsKey(activeKeyId)) {
      throw new IllegalArgumentException(
          "the active key " + activeKeyId + " is not in the keyring");
    }
  }

  @Override
  public String toString() {
    return "KeyMaterial[tenant="
        + tenantId
        + ", active="
        + activeKeyId
        + ", keys="
        + encryptionKeys.keySet()
        + "]";
  }
}
