package io.membank.cost.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A tenant's usage in [from, to), grouped; totals cover the whole range whatever the page.
 *
 * @param from the start used, floored to the hour
 * @param to the end used (exclusive), rounded up to the hour
 * @param nextOffset the offset of the next page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageReport(
    String tenantId,
    OffsetDateTime from,
    OffsetDateTime to,
    List<String> groupBy,
    List<UsageRow> rows,
    long totalCalls,
    BigDecimal totalCostUsd,
    Integer nextOffset) {}
