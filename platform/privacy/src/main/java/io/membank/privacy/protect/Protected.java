package io.membank.privacy.protect;

import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import java.util.List;

/**
 * The result of protecting a text: the text to store (null when blocked), what was found and done
 * (types and counts, never values), and the vault entries that tokenization created, which the
 * caller hands to the governance vault with the protected text.
 */
public record Protected(
    String text,
    String blockReason,
    long policyVersion,
    List<Taken> actions,
    List<VaultEntry> vaultEntries) {

  /** One action applied {@code count} times to values of one type. */
  public record Taken(DataType type, Action action, int count) {}

  public Protected {
    actions = List.copyOf(actions);
    vaultEntries = List.copyOf(vaultEntries);
  }

  /** True when a {@link Action#BLOCK} rule matched: nothing of the text may be stored. */
  public boolean blocked() {
    return blockReason != null;
  }

  /** True when the text changed (or was blocked). */
  public boolean changed() {
    return actions.stream().anyMatch(t -> t.action() != Action.ALLOW);
  }

  /** How many values of a type were found. */
  public int found(DataType type) {
    return actions.stream().filter(t -> t.type() == type).mapToInt(Taken::count).sum();
  }
}
