package io.membank.audit.shredding;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The data key of one (tenant, subject): 32 bytes for AES-256-GCM (the subject's sealed fields) and
 * 32 bytes for HMAC-SHA256 (the subject's pseudonym in searchable columns). Destroying it makes
 * both unrecoverable. {@link #toString()} never shows the material.
 */
public final class SubjectKey {

  /** Length of the key material: encryption key then MAC key. */
  static final int MATERIAL_BYTES = 64;

  private static final int IV_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UUID id;
  private final SecretKeySpec enc;
  private final SecretKeySpec mac;

  SubjectKey(UUID id, byte[] material) {
    if (material.length != MATERIAL_BYTES) {
      throw new IllegalArgumentException("subject key material must be 64 bytes");
    }
    this.id = id;
    this.enc = new SecretKeySpec(Arrays.copyOfRange(material, 0, 32), "AES");
    this.mac = new SecretKeySpec(Arrays.copyOfRange(material, 32, 64), "HmacSHA256");
  }

  /** New random key material. */
  static byte[] newMaterial() {
    byte[] material = new byte[MATERIAL_BYTES];
    RANDOM.nextBytes(material);
    return material;
  }

  /** The key's id, stored in the clear with what it sealed (it names no one). */
  public UUID id() {
    return id;
  }

  /** Base64 of {@code iv || AES-GCM(plaintext, aad)}. */
  public String seal(String plaintext, String aad) {
    return Base64.getEncoder()
        .encodeToString(seal(enc, plaintext.getBytes(StandardCharsets.UTF_8), aad));
  }

  /** The plaintext of {@link #seal}; throws when the ciphertext or its context was altered. */
  public String open(String sealed, String aad) {
    return new String(open(enc, Base64.getDecoder().decode(sealed), aad), StandardCharsets.UTF_8);
  }

  /**
   * The subject's keyed pseudonym: stable while the key lives, unlinkable to the subject once it is
   * destroyed.
   */
  public String pseudonym(String subject) {
    try {
      Mac hmac = Mac.getInstance("HmacSHA256");
      hmac.init(mac);
      byte[] digest = hmac.doFinal(subject.getBytes(StandardCharsets.UTF_8));
      return "ps:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "SubjectKey[" + id + "]";
  }

  static byte[] seal(SecretKeySpec key, byte[] plaintext, String aad) {
    try {
      byte[] iv = new byte[IV_BYTES];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      byte[] ciphertext = cipher.doFinal(plaintext);
      byte[] out = new byte[IV_BYTES + ciphertext.length];
      System.arraycopy(iv, 0, out, 0, IV_BYTES);
      System.arraycopy(ciphertext, 0, out, IV_BYTES, ciphertext.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("sealing failed", e);
    }
  }

  static byte[] open(SecretKeySpec key, byte[] sealed, String aad) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, IV_BYTES));
      cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("sealed value does not open under its key", e);
    }
  }
}
