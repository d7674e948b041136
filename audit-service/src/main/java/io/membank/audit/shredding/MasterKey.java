package io.membank.audit.shredding;

import io.membank.audit.config.AuditConfig;
import io.membank.audit.config.KeyFiles;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Base64;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key-encryption key: subject keys are stored wrapped under it (AES-256-GCM, the tenant and
 * subject as associated data, so a wrapped key cannot be moved to another subject). From
 * configuration ({@code MEMBANK_AUDIT_SHREDDING_MASTER_KEY}, base64 of 32 bytes, from a Secret in
 * production); unset, from the key file, made on first start of a local stack.
 */
@Startup
@ApplicationScoped
public class MasterKey {

  @Inject AuditConfig config;

  private SecretKeySpec key;

  /** Fails the start when the key is unusable, rather than at the first record. */
  @PostConstruct
  void init() {
    byte[] raw =
        Base64.getDecoder().decode(config.shredding().masterKey().orElseGet(this::fromFile).trim());
    if (raw.length != 32) {
      throw new IllegalStateException(
          "membank.audit.shredding.master-key must be base64 of 32 bytes");
    }
    key = new SecretKeySpec(raw, "AES");
  }

  byte[] wrap(byte[] material, String tenant, String subject) {
    return SubjectKey.seal(key, material, context(tenant, subject));
  }

  byte[] unwrap(byte[] wrapped, String tenant, String subject) {
    return SubjectKey.open(key, wrapped, context(tenant, subject));
  }

  private static String context(String tenant, String subject) {
    return "membank-audit-subject-key\0" + tenant + "\0" + subject;
  }

  private String fromFile() {
    return KeyFiles.readOrCreate(
        config.shredding().masterKeyFile(),
        Base64.getEncoder()::encodeToString,
        "membank.audit.shredding.master-key");
  }
}
