package io.membank.cost.ledger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** The two aggregate tables: usage per UTC hour and per UTC day. */
public enum Granularity {
  HOUR("usage_hourly", "hour", ChronoUnit.HOURS),
  DAY("usage_daily", "day", ChronoUnit.DAYS);

  private final String table;
  private final String truncation;
  private final ChronoUnit unit;

  Granularity(String table, String truncation, ChronoUnit unit) {
    this.table = table;
    this.truncation = truncation;
    this.unit = unit;
  }

  /** The aggregate table (a constant, never user input). */
  public String table() {
    return table;
  }

  /** The {@code date_trunc} field. */
  public String truncation() {
    return truncation;
  }

  /** The start of the bucket holding the instant, in UTC. */
  public OffsetDateTime floor(OffsetDateTime at) {
    return at.withOffsetSameInstant(ZoneOffset.UTC).truncatedTo(unit);
  }

  /** The first bucket start at or after the instant, in UTC. */
  public OffsetDateTime ceil(OffsetDateTime at) {
    OffsetDateTime floor = floor(at);
    return floor.isEqual(at) ? floor : floor.plus(1, unit);
  }

  /** Whether the instant is a bucket boundary. */
  public boolean aligned(OffsetDateTime at) {
    return floor(at).isEqual(at);
  }
}
