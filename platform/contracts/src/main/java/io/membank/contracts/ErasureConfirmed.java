package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Data of {@code governance.results}: what one service erased for an {@link ErasureRequested}, per
 * store, with a direct check that nothing of the subject remains.
 *
 * @param stores one entry per store the service holds the subject in
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErasureConfirmed(
    @JsonProperty("erasure_id") String erasureId,
    @JsonProperty("tenant_id") String tenantId,
    String subject,
    String service,
    int attempt,
    List<StoreCount> stores,
    @JsonProperty("confirmed_at") OffsetDateTime confirmedAt) {

  /**
   * One store's counts.
   *
   * @param store e.g. {@code postgres:membank_memory.memories}, {@code lucene:memories}
   * @param before what the subject had there before this erasure
   * @param after what the subject has there after it (the same query as before)
   * @param check the independent check run after erasing (SQL count, term query, Cypher, SCAN...)
   * @param remaining what that check found; zero when the erasure is complete
   */
  public record StoreCount(
      @Schema(description = "The store", example = "postgresql:memories") String store,
      @Schema(description = "Items of the subject before the erasure", example = "12") long before,
      @Schema(description = "Items of the subject after it", example = "0") long after,
      @Schema(
              description = "The direct check that was run",
              example = "SQL count of the subject's rows")
          String check,
      @Schema(description = "What the direct check still found", example = "0") long remaining) {}

  /** True when every store reports nothing left. */
  public boolean clean() {
    return stores != null && stores.stream().allMatch(s -> s.after() == 0 && s.remaining() == 0);
  }
}
