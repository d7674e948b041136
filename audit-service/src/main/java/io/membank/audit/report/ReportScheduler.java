package io.membank.audit.report;

import io.membank.audit.chain.ChainStore;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.report.ReportTemplates.Template;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Generates scheduled reports (daily, weekly, monthly): on every tick, for each schedule and
 * tenant, the last complete period's report is made unless it exists — so a tick missed while the
 * service was down is made up by the next one, and several instances make each report once.
 */
@ApplicationScoped
public class ReportScheduler {

  private static final Logger LOG = Logger.getLogger(ReportScheduler.class);

  @Inject AuditConfig config;
  @Inject ReportService reports;
  @Inject ChainStore store;

  @Scheduled(
      cron = "${membank.audit.reports.cron:0 7 * * * ?}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    runDue(LocalDate.now(config.reports().zone()));
  }

  /** Makes every missing report of the last complete periods before {@code today}. */
  public List<ReportService.Stored> runDue(LocalDate today) {
    ZoneId zone = config.reports().zone();
    List<ReportService.Stored> made = new ArrayList<>();
    for (Map.Entry<String, AuditConfig.Reports.Schedule> entry :
        config.reports().schedules().entrySet()) {
      String name = entry.getKey();
      AuditConfig.Reports.Schedule schedule = entry.getValue();
      LocalDate[] period = lastCompletePeriod(schedule.frequency(), today);
      Instant from = period[0].atStartOfDay(zone).toInstant();
      Instant to = period[1].atStartOfDay(zone).toInstant();
      for (String tenant : schedule.tenants().orElseGet(store::tenants)) {
        if (reports.scheduledExists(tenant, name, from)) {
          continue;
        }
        try {
          made.add(
              reports.generate(
                  new ReportService.Request(
                      tenant,
                      Template.of(schedule.template()),
                      from,
                      to,
                      schedule.recipients().orElse(List.of()),
                      schedule.attach().stream().map(ReportFormat::of).toList(),
                      "schedule:" + name,
                      name)));
        } catch (RuntimeException e) {
          if (reports.scheduledExists(tenant, name, from)) {
            // Another instance stored it first (unique tenant, schedule, period).
            LOG.debugf("audit.report.schedule.skipped schedule=%s tenant=%s", name, tenant);
          } else {
            LOG.errorf(e, "audit.report.schedule.failed schedule=%s tenant=%s", name, tenant);
          }
        }
      }
    }
    return made;
  }

  /** [first day, day after the last) of the last complete day, week (Monday first) or month. */
  static LocalDate[] lastCompletePeriod(String frequency, LocalDate today) {
    return switch (frequency) {
      case "daily" -> new LocalDate[] {today.minusDays(1), today};
      case "weekly" -> {
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        yield new LocalDate[] {monday.minusWeeks(1), monday};
      }
      case "monthly" -> {
        LocalDate first = today.withDayOfMonth(1);
        yield new LocalDate[] {first.minusMonths(1), first};
      }
      default -> throw new IllegalArgumentException("unknown report frequency " + frequency);
    };
  }
}
