package io.membank.governance.vault.service;

import io.membank.contracts.AuditEvent;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.config.PrivacyConfig;
import io.membank.governance.vault.store.TokenVault;
import io.membank.privacy.protect.FieldCipher;
import io.membank.privacy.protect.Keyring;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a token back into its value, for an admin of the token's tenant; every success is audited.
 */
@ApplicationScoped
public class DetokenizeService {

  /** A token's value and type. */
  public record Revealed(String token, String dataType, String value) {}

  /** Why a token could not be revealed. */
  public enum Refusal {
    UNKNOWN_TOKEN,
    NO_KEYRING
  }

  /** Thrown when the token cannot be revealed; carries the reason. */
  public static final class RefusedException extends RuntimeException {
    private final Refusal refusal;

    RefusedException(Refusal refusal) {
      super(refusal.name());
      this.refusal = refusal;
    }

    public Refusal refusal() {
      return refusal;
    }
  }

  private final TokenVault vault;
  private final AuditTrail audit;
  private final Optional<Keyring> keyring;

  public DetokenizeService(TokenVault vault, AuditTrail audit, PrivacyConfig config) {
    this.vault = vault;
    this.audit = audit;
    this.keyring = config.keys().filter(k -> !k.isBlank()).map(Keyring::parse);
  }

  /** The value of a token of the caller's tenant; the audit record commits with the answer. */
  @Transactional
  @WithSpan("DetokenizeService.reveal")
  public Revealed reveal(String tenant, String subject, Set<String> roles, String token) {
    Keyring keys = keyring.orElseThrow(() -> new RefusedException(Refusal.NO_KEYRING));
    TokenVault.Entry entry =
        vault.find(tenant, token).orElseThrow(() -> new RefusedException(Refusal.UNKNOWN_TOKEN));
    String value = FieldCipher.decrypt(entry.ciphertext(), token, keys.forTenant(tenant));
    audit.record(
        tenant,
        subject,
        roles,
        AuditEvent.Action.ACCESS,
        new AuditEvent.Resource("token", token, null),
        Map.of("operation", "detokenize", "data_type", entry.dataType()));
    return new Revealed(token, entry.dataType(), value);
  }
}
