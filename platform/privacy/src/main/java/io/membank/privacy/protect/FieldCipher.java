package io.membank.privacy.protect;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for single values: {@code <keyId>.<base64url(iv ‖ ciphertext ‖ tag)>}. The key id
 * travels with the ciphertext, so a value sealed before a rotation opens with the old key. The
 * tenant id and data type are bound as associated data: a ciphertext copied to another tenant or
 * type does not open.
 */
public final class FieldCipher {

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private FieldCipher() {}

  public static String encrypt(String value, String context, KeyMaterial keys) {
    byte[] iv = new byte[IV_BYTES];
    RANDOM.nextBytes(iv);
    try {
      Cipher cipher =
          cipher(Cipher.ENCRYPT_MODE, keys.encryptionKeys().get(keys.activeKeyId()), iv);
      cipher.updateAAD(aad(context, keys));
      byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[IV_BYTES + sealed.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
      return keys.activeKeyId() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Opens what {@link #encrypt} sealed, with whichever key it names. */
  public static String decrypt(String sealed, String context, KeyMaterial keys) {
    int dot = sealed.indexOf('.');
    if (dot <= 0) {
      throw new IllegalArgumentException("not a sealed value");
    }
    byte[] key = keys.encryptionKeys().get(sealed.substring(0, dot));
    if (key == null) {
      throw new IllegalArgumentException("unknown key id " + sealed.substring(0, dot));
    }
    byte[] in = Base64.getUrlDecoder().decode(sealed.substring(dot + 1));
    if (in.length <= IV_BYTES) {
      throw new IllegalArgumentException("not a sealed value");
    }
    try {
      byte[] iv = java.util.Arrays.copyOf(in, IV_BYTES);
      Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, iv);
      cipher.updateAAD(aad(context, keys));
      return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("the value does not open with this tenant's keys", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] iv) throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, iv));
    return cipher;
  }

  private static byte[] aad(String context, KeyMaterial keys) {
    return (keys.tenantId() + "|" + context).getBytes(StandardCharsets.UTF_8);
  }
}
