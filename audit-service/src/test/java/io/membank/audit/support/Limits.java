package io.membank.audit.support;

import io.membank.audit.config.AuditConfig;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The default limits of {@link AuditConfig}, for plain unit tests. */
public final class Limits {

  private Limits() {}

  /** Intake limits with the defaults. */
  public static AuditConfig.Intake intake() {
    return new AuditConfig.Intake() {
      @Override
      public int maxFieldChars() {
        return 1024;
      }

      @Override
      public int maxDetailsBytes() {
        return 65536;
      }

      @Override
      public int maxAttempts() {
        return 5;
      }

      @Override
      public Duration retryBackoff() {
        return Duration.ofMillis(500);
      }
    };
  }

  /** Risk thresholds with the defaults, optionally with delegates. */
  public static AuditConfig.Risk risk(String... delegates) {
    return new AuditConfig.Risk() {
      @Override
      public long bulkExportRecords() {
        return 1000;
      }

      @Override
      public long bulkDeleteRecords() {
        return 100;
      }

      @Override
      public int burstThreshold() {
        return 5;
      }

      @Override
      public Duration burstWindow() {
        return Duration.ofSeconds(60);
      }

      @Override
      public Optional<Set<String>> delegates() {
        return delegates.length == 0 ? Optional.empty() : Optional.of(Set.of(delegates));
      }

      @Override
      public ZoneId businessZone() {
        return ZoneId.of("UTC");
      }

      @Override
      public LocalTime businessStart() {
        return LocalTime.of(8, 0);
      }

      @Override
      public LocalTime businessEnd() {
        return LocalTime.of(19, 0);
      }

      @Override
      public Set<DayOfWeek> businessDays() {
        return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
      }
    };
  }
}
