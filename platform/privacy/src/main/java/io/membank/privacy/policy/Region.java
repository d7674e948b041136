package io.membank.privacy.policy;

/** Where a tenant's data lives; a rule may apply only there. */
public enum Region {
  EU,
  US,
  CN,
  GLOBAL
}
