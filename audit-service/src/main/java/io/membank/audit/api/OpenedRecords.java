package io.membank.audit.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.membank.audit.api.AuditDtos.EventView;
import io.membank.audit.chain.ChainHash;
import io.membank.audit.chain.SealedFields;
import io.membank.audit.chain.StoredRow;
import io.membank.audit.shredding.SubjectKey;
import io.membank.audit.shredding.SubjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Views of stored records with their sealed fields opened: the keys of a page are read in one
 * query; a field whose subject was erased reads as {@link SealedFields#ERASED}.
 */
@ApplicationScoped
public class OpenedRecords {

  private final SubjectKeys keys;

  public OpenedRecords(SubjectKeys keys) {
    this.keys = keys;
  }

  /** The views of a tenant's rows, in the same order. */
  public List<EventView> views(String tenant, List<StoredRow> rows) {
    List<JsonNode> bodies = rows.stream().map(r -> ChainHash.parse(r.body())).toList();
    Set<UUID> ids = new HashSet<>();
    bodies.forEach(b -> ids.addAll(SealedFields.keyIds(b)));
    Map<UUID, SubjectKey> found = keys.byIds(tenant, ids);
    return IntStream.range(0, rows.size())
        .mapToObj(i -> EventView.of(rows.get(i), SealedFields.open(bodies.get(i), found)))
        .toList();
  }
}
