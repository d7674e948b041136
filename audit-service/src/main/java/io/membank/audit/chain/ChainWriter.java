package io.membank.audit.chain;

import io.membank.audit.alert.AlertService;
import io.membank.audit.risk.Classification;
import io.membank.audit.shredding.SubjectKey;
import io.membank.audit.shredding.SubjectKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Appends classified entries to their tenants' chains in one transaction and a handful of round
 * trips: it takes the tenants' locks (in name order, so two writers never deadlock), skips event
 * ids already stored, links each new record to its chain's head and inserts the batch; alerts for
 * risky records are queued in the same transaction, so none is lost and none delays the commit.
 * Personal fields are sealed under their subjects' keys first ({@link SealedFields}): the stored
 * records, and so the alerts raised from them, name subjects by pseudonym.
 */
@ApplicationScoped
public class ChainWriter {

  /** An entry with its risk and regimes, ready to append. */
  public record Classified(AuditEntry entry, Classification classification) {}

  @Inject ChainStore store;
  @Inject AlertService alerts;
  @Inject SubjectKeys subjectKeys;

  /** Appends the entries; returns the records written (duplicates are not among them). */
  @Transactional
  public List<ChainRecord> append(List<Classified> batch) {
    Map<String, List<Classified>> byTenant = new TreeMap<>();
    List<String> pairTenants = new ArrayList<>(batch.size());
    List<String> pairIds = new ArrayList<>(batch.size());
    for (Classified c : batch) {
      byTenant.computeIfAbsent(c.entry().tenantId(), t -> new ArrayList<>()).add(c);
      pairTenants.add(c.entry().tenantId());
      pairIds.add(c.entry().eventId());
    }
    List<String> tenants = new ArrayList<>(byTenant.keySet());
    List<ChainRecord> written = new ArrayList<>(batch.size());
    try (Connection c = store.connection()) {
      store.lock(c, tenants);
      // Under the locks nobody else appends to these chains: what is not stored now is new.
      Set<String> seen = store.existing(c, pairTenants, pairIds);
      Map<String, ChainStore.Head> heads = store.heads(c, tenants);
      for (Map.Entry<String, List<Classified>> tenant : byTenant.entrySet()) {
        ChainStore.Head head = heads.get(tenant.getKey());
        Map<String, SubjectKey> keys =
            subjectKeys.obtain(c, tenant.getKey(), subjects(tenant.getValue()));
        for (Classified item : tenant.getValue()) {
          if (!seen.add(tenant.getKey() + "/" + item.entry().eventId())) {
            continue; // redelivered, or twice in this batch: stored once
          }
          long seq = head.seq() + 1;
          Instant recordedAt = RecordBody.stored(Instant.now());
          SealedFields.Sealed sealed = SealedFields.seal(item.entry(), keys);
          String body =
              RecordBody.canonical(
                  sealed.stored(), item.classification(), seq, recordedAt, sealed.groups());
          String hash = ChainHash.link(head.hash(), body);
          written.add(
              new ChainRecord(
                  seq,
                  recordedAt,
                  sealed.stored(),
                  item.classification(),
                  body,
                  head.hash(),
                  hash));
          head = new ChainStore.Head(seq, hash);
        }
      }
      if (!written.isEmpty()) {
        store.insert(c, written);
      }
    } catch (SQLException e) {
      throw new ChainWriteException("appending " + batch.size() + " audit records failed", e);
    }
    alerts.raise(written);
    return written;
  }

  private static Set<String> subjects(List<Classified> items) {
    Set<String> subjects = new HashSet<>();
    items.forEach(i -> subjects.addAll(SealedFields.subjects(i.entry())));
    return subjects;
  }
}
