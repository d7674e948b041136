package io.membank.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.OffsetDateTime;
import java.util.List;

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
  public record StoreCount(String store, long before, long after, String check, long remaining) {}

  /** True when every store reports nothing left. */
  public boolean clean() {
    return stores != null && stores.stream().allMatch(s -> s.after() == 0 && s.remaining() == 0);
  }
}
