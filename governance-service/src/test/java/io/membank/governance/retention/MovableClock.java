package io.membank.governance.retention;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The service's clock in this module's tests: system time plus an offset a test moves (and puts
 * back). Replaces the {@code @DefaultBean} clock of {@code Clocks}.
 */
@Singleton
public class MovableClock extends Clock {

  private volatile Duration offset = Duration.ZERO;

  /** Moves time forward by the duration. */
  public void advance(Duration by) {
    offset = offset.plus(by);
  }

  /** Back to system time. */
  public void reset() {
    offset = Duration.ZERO;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return Clock.offset(Clock.system(zone), offset);
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(offset);
  }
}
