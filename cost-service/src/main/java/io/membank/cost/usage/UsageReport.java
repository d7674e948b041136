package io.membank.cost.usage;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A tenant's usage in [from, to), grouped; totals cover the whole range whatever the page.
 *
 * @param from the start used, floored to the hour
 * @param to the end used (exclusive), rounded up to the hour
 * @param nextOffset the offset of the next page; absent on the last page
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UsageReport(
    @Schema(description = "The tenant", example = "acme") String tenantId,
    @Schema(description = "The start used, floored to the hour", example = "2026-12-01T00:00:00Z")
        OffsetDateTime from,
    @Schema(
            description = "The end used (exclusive), rounded up to the hour",
            example = "2026-12-04T08:00:00Z")
        OffsetDateTime to,
    @Schema(description = "The dimensions grouped by", example = "[\"service\", \"model\"]")
        List<String> groupBy,
    @Schema(description = "One row per group") List<UsageRow> rows,
    @Schema(description = "Model calls in the whole range (whatever the page)", example = "340")
        long totalCalls,
    @Schema(description = "USD spent in the whole range (whatever the page)", example = "0.42")
        BigDecimal totalCostUsd,
    @Schema(description = "The offset of the next page; absent on the last page", example = "100")
        Integer nextOffset) {}
