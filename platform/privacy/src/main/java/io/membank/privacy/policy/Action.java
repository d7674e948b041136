package io.membank.privacy.policy;

/** What a policy does with a found value. */
public enum Action {
  /** Keep the value as written. */
  ALLOW,
  /** Replace with the type's placeholder, such as {@code [EMAIL]}. */
  REDACT,
  /** Keep the last four letters or digits, star the rest. */
  MASK,
  /** HMAC-SHA-256 under the tenant's key: equal values stay joinable, the value is gone. */
  HASH,
  /** A token whose ciphertext goes to the governance vault; an admin may detokenize it. */
  TOKENIZE,
  /** AES-GCM ciphertext in place, with the key id, readable after key rotation. */
  ENCRYPT,
  /** Refuse the whole text: nothing of it may be stored. */
  BLOCK
}
