package io.membank.privacy.detect;

/** The class of a data type; the catalog maps classes to classifications. */
public enum DataClass {
  /** Identifies or contacts a person. */
  PII,
  /** Payment instruments and bank accounts. */
  FINANCIAL,
  /** Keys, tokens and passwords: whoever holds them acts as someone else. */
  CREDENTIAL
}
