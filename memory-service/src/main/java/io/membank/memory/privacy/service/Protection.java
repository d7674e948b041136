package io.membank.memory.privacy.service;

import io.membank.privacy.detect.DataType;
import io.membank.privacy.policy.Action;
import io.membank.privacy.protect.VaultEntry;
import java.util.List;

/**
 * What protecting one write did: the policy version, how many values of each type were found and
 * what was done with them (never the values), and the vault entries tokenization made.
 */
public record Protection(long policyVersion, List<Count> counts, List<VaultEntry> vaultEntries) {

  /** {@code count} values of one type had {@code action} applied. */
  public record Count(DataType type, Action action, int count) {}

  public Protection {
    counts = List.copyOf(counts);
    vaultEntries = List.copyOf(vaultEntries);
  }

  /** The counts of every action other than {@link Action#ALLOW}: the privacy actions taken. */
  public List<Count> actionsTaken() {
    return counts.stream().filter(c -> c.action() != Action.ALLOW).toList();
  }
}
