package io.membank.privacy.detect;

/** A kind of sensitive value the detectors find, with the data class that policies may target. */
public enum DataType {
  EMAIL(DataClass.PII, true),
  PHONE(DataClass.PII, true),
  CN_RESIDENT_ID(DataClass.PII, true),
  US_SSN(DataClass.PII, true),
  PAYMENT_CARD(DataClass.FINANCIAL, true),
  IBAN(DataClass.FINANCIAL, true),
  IP_ADDRESS(DataClass.PII, true),
  SECRET(DataClass.CREDENTIAL, true),
  DATE_OF_BIRTH(DataClass.PII, false),
  POSTAL_ADDRESS(DataClass.PII, false),
  PERSON_NAME(DataClass.PII, false);

  private final DataClass dataClass;
  private final boolean structured;

  DataType(DataClass dataClass, boolean structured) {
    this.dataClass = dataClass;
    this.structured = structured;
  }

  /** The class a policy rule may name instead of the type. */
  public DataClass dataClass() {
    return dataClass;
  }

  /**
   * Whether the type has a checkable format (the ≥ 0.95 precision/recall targets apply); the others
   * are found best-effort from context cues.
   */
  public boolean structured() {
    return structured;
  }

  /** The placeholder a redaction writes, such as {@code [EMAIL]}. */
  public String placeholder() {
    return "[" + name() + "]";
  }
}
