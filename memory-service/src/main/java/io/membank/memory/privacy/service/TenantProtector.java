package io.membank.memory.privacy.service;

import io.membank.memory.privacy.config.PrivacyConfig;
import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import io.membank.privacy.protect.KeyMaterial;
import io.membank.privacy.protect.Keyring;
import io.membank.privacy.protect.Protected;
import io.membank.privacy.protect.Protector;
import io.membank.privacy.protect.VaultEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Puts a tenant's texts through the tenant's current policy (from {@link PolicyBook}), in process:
 * no call to governance-service. One {@link Pass} covers every text of one write, so the write's
 * summary, vault entries and block decision are complete before anything is stored.
 */
@ApplicationScoped
public class TenantProtector {

  private static final Set<Action> KEYED = EnumSet.of(Action.HASH, Action.TOKENIZE, Action.ENCRYPT);

  private final PolicyBook book;
  private final Optional<Keyring> keyring;
  private final Protector protector;

  @Inject
  TenantProtector(PolicyBook book, PrivacyConfig config) {
    this(book, config.keys().filter(k -> !k.isBlank()).map(Keyring::parse), new Protector());
  }

  /** A protector on its own (tests, benchmarks). */
  public TenantProtector(PolicyBook book, Optional<Keyring> keyring, Protector protector) {
    this.book = book;
    this.keyring = keyring;
    this.protector = protector;
  }

  /**
   * Starts protecting one write of the tenant.
   *
   * @throws PolicyUnknownException when the tenant's policy is not known for certain, or it needs
   *     keys this instance does not have: the write must wait
   */
  public Pass open(String tenant) {
    PolicySet policy = book.policyFor(tenant);
    KeyMaterial keys = keyring.map(k -> k.forTenant(tenant)).orElse(null);
    if (keys == null && policy.actions().values().stream().anyMatch(KEYED::contains)) {
      throw new PolicyUnknownException(
          PolicyUnknownException.Reason.NO_KEYRING,
          "the privacy policy of tenant "
              + tenant
              + " hashes, tokenizes or encrypts values and memory-service has no privacy keyring");
    }
    return new Pass(policy, keys);
  }

  /**
   * The protection of one write: call {@link #text} for each of its texts, then read the result.
   */
  public final class Pass {

    private final PolicySet policy;
    private final KeyMaterial keys;
    private final Map<DataType, Map<Action, Integer>> counts = new EnumMap<>(DataType.class);
    private final Map<String, VaultEntry> vault = new LinkedHashMap<>();
    private final Set<String> blockReasons = new LinkedHashSet<>();

    private Pass(PolicySet policy, KeyMaterial keys) {
      this.policy = policy;
      this.keys = keys;
    }

    /** The text as the policy lets it be processed (null when null or blocked). */
    public String text(String text) {
      if (text == null || text.isEmpty()) {
        return text;
      }
      Protected result = protector.protect(text, policy, keys);
      for (Protected.Taken taken : result.actions()) {
        counts
            .computeIfAbsent(taken.type(), t -> new EnumMap<>(Action.class))
            .merge(taken.action(), taken.count(), Integer::sum);
      }
      for (VaultEntry entry : result.vaultEntries()) {
        vault.putIfAbsent(entry.token(), entry);
      }
      if (result.blocked()) {
        blockReasons.add(result.blockReason());
        return null;
      }
      return result.text();
    }

    /** The texts of a list, in order. */
    public List<String> texts(List<String> texts) {
      return texts == null ? null : texts.stream().map(this::text).toList();
    }

    /**
     * Client metadata with every string value protected, at any depth (keys are the client's field
     * names and stay as they are).
     */
    public Map<String, Object> metadata(Map<String, Object> metadata) {
      if (metadata == null) {
        return null;
      }
      Map<String, Object> out = new LinkedHashMap<>();
      metadata.forEach((key, value) -> out.put(key, value(value)));
      return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object value) {
      if (value instanceof String s) {
        return text(s);
      }
      if (value instanceof Map<?, ?> map) {
        return metadata((Map<String, Object>) map);
      }
      if (value instanceof List<?> list) {
        List<Object> out = new ArrayList<>(list.size());
        list.forEach(v -> out.add(value(v)));
        return out;
      }
      return value;
    }

    /** Whether any text contained a value the policy blocks. */
    public boolean blocked() {
      return !blockReasons.isEmpty();
    }

    /** Why the write is blocked: which types, under which policy version. */
    public String blockReason() {
      return String.join("; ", blockReasons);
    }

    /** What this pass did so far. */
    public Protection protection() {
      List<Protection.Count> list = new ArrayList<>();
      counts.forEach(
          (type, byAction) ->
              byAction.forEach((action, n) -> list.add(new Protection.Count(type, action, n))));
      return new Protection(policy.version(), list, List.copyOf(vault.values()));
    }

    /**
     * Throws {@link BlockedByPolicyException} when a text was blocked, after every text was seen.
     */
    public void refuseIfBlocked() {
      if (blocked()) {
        throw new BlockedByPolicyException(blockReason(), protection());
      }
    }
  }
}
