package io.membank.privacy.detect;

/**
 * One sensitive value in a text: its type, its span {@code [start, end)} in UTF-16 units, how sure
 * the detector is (0..1) and which detector found it.
 */
public record Finding(DataType type, int start, int end, double confidence, String detector) {

  public Finding {
    if (type == null || detector == null) {
      throw new IllegalArgumentException("type and detector are required");
    }
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Finding other) {
    return start < other.end && other.start < end;
  }

  /** The found value (for the actions only: never log it). */
  public String value(CharSequence text) {
    return text.subSequence(start, end).toString();
  }
}
