package io.membank.cost.usage;

import io.membank.contracts.BudgetDecision;
import io.membank.cost.budget.Budget;
import io.membank.cost.budget.BudgetStore;
import io.membank.cost.config.CostConfig;
import io.membank.cost.ledger.Granularity;
import io.membank.cost.usage.UsageQueries.Totals;
import io.membank.http.ProblemException;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Usage reports and tenant summaries from the aggregates. */
@ApplicationScoped
public class UsageReports {

  /** A tenant's spend today and this month, by operation, with its budgets and state. */
  public record Summary(
      @Schema(description = "The tenant", example = "acme") String tenantId,
      @Schema(description = "When the summary was made", example = "2026-12-04T07:00:00Z")
          OffsetDateTime asOf,
      @Schema(description = "USD spent this UTC day", example = "0.02") BigDecimal todayUsd,
      @Schema(description = "USD spent this UTC month", example = "0.42") BigDecimal monthUsd,
      @Schema(description = "Model calls this UTC month", example = "340") long monthCalls,
      @Schema(description = "This month's usage by operation") List<UsageRow> monthByOperation,
      @Schema(description = "The budgets that apply to the tenant (its own and the global ones)")
          List<Budget> budgets,
      @Schema(
              description = "The tenant's current budget decision; null when no budget applies",
              nullable = true)
          BudgetDecision budgetState) {}

  private final UsageQueries queries;
  private final BudgetStore budgets;
  private final CostConfig.Reports config;

  UsageReports(UsageQueries queries, BudgetStore budgets, CostConfig config) {
    this.queries = queries;
    this.budgets = budgets;
    this.config = config.reports();
  }

  /**
   * The tenant's usage in [from, to), hour-aligned (from floored, to rounded up), grouped. Reads
   * the daily aggregates when the range is whole UTC days and no hour grouping is asked for.
   */
  @WithSpan("UsageReports.report")
  public UsageReport report(
      String tenant,
      OffsetDateTime from,
      OffsetDateTime to,
      List<GroupBy> groupBy,
      int limit,
      int offset) {
    OffsetDateTime start = Granularity.HOUR.floor(from);
    OffsetDateTime end = Granularity.HOUR.ceil(to);
    if (!start.isBefore(end)) {
      throw ProblemException.badRequest("invalid-range", "from must be before to");
    }
    if (Duration.between(start, end).compareTo(config.maxRange()) > 0) {
      throw ProblemException.badRequest(
          "range-too-long", "a report covers at most " + config.maxRange().toDays() + " days");
    }
    if (limit < 1 || limit > config.maxRows()) {
      throw ProblemException.badRequest(
          "invalid-limit", "limit must be between 1 and " + config.maxRows());
    }
    if (offset < 0) {
      throw ProblemException.badRequest("invalid-offset", "offset must not be negative");
    }
    Granularity table =
        !groupBy.contains(GroupBy.HOUR)
                && Granularity.DAY.aligned(start)
                && Granularity.DAY.aligned(end)
            ? Granularity.DAY
            : Granularity.HOUR;
    List<UsageRow> rows = queries.grouped(tenant, table, start, end, groupBy, limit + 1, offset);
    Integer next = null;
    if (rows.size() > limit) {
      rows = rows.subList(0, limit);
      next = offset + limit;
    }
    Totals totals = queries.totals(tenant, table, start, end);
    return new UsageReport(
        tenant,
        start,
        end,
        groupBy.stream().map(GroupBy::wire).toList(),
        List.copyOf(rows),
        totals.calls(),
        totals.costUsd(),
        next);
  }

  /** The tenant's spend today and this month (UTC), its budgets and its budget state. */
  @WithSpan("UsageReports.summary")
  public Summary summary(String tenant) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime today = Granularity.DAY.floor(now);
    OffsetDateTime month = today.withDayOfMonth(1);
    OffsetDateTime tomorrow = today.plusDays(1);
    Totals monthTotals = queries.totals(tenant, Granularity.DAY, month, tomorrow);
    return new Summary(
        tenant,
        now,
        queries.totals(tenant, Granularity.DAY, today, tomorrow).costUsd(),
        monthTotals.costUsd(),
        monthTotals.calls(),
        queries.grouped(
            tenant, Granularity.DAY, month, tomorrow, List.of(GroupBy.OPERATION), 100, 0),
        budgets.applicable(tenant),
        budgets.state(tenant).orElse(null));
  }
}
