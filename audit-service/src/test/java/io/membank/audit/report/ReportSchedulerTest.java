package io.membank.audit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The last complete period of each frequency. */
class ReportSchedulerTest {

  static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 25);

  @Test
  void dailyWeeklyAndMonthlyPeriodsEndBeforeToday() {
    assertThat(ReportScheduler.lastCompletePeriod("daily", WEDNESDAY))
        .containsExactly(LocalDate.of(2026, 11, 24), WEDNESDAY);
    assertThat(ReportScheduler.lastCompletePeriod("weekly", WEDNESDAY))
        .containsExactly(LocalDate.of(2026, 11, 16), LocalDate.of(2026, 11, 23));
    assertThat(ReportScheduler.lastCompletePeriod("monthly", WEDNESDAY))
        .containsExactly(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 11, 1));
    assertThat(ReportScheduler.lastCompletePeriod("monthly", LocalDate.of(2026, 1, 1)))
        .containsExactly(LocalDate.of(2025, 12, 1), LocalDate.of(2026, 1, 1));
  }
}
