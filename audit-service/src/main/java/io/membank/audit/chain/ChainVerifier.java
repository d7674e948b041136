package io.membank.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Walks a tenant's chain (streaming, in sequence order) and reports the first broken link: a
 * missing record, a record whose content no longer matches its hash, a column that differs from the
 * hashed body, a record not linked to its predecessor's hash, a checkpoint with a wrong signature
 * or head, or a chain that ends before its last signed checkpoint.
 */
@ApplicationScoped
public class ChainVerifier {

  @Inject ChainStore store;
  @Inject Checkpoints checkpoints;

  /** Where and why the chain is broken. {@code eventId} is null when the record is gone. */
  public record Break(long seq, String eventId, String reason, String detail) {}

  /**
   * The outcome: {@code ok} when every record in [{@code fromSeq}, {@code toSeq}] and every
   * checkpoint checked hold.
   */
  public record Result(
      String tenant,
      boolean ok,
      long fromSeq,
      long toSeq,
      long recordsChecked,
      int checkpointsChecked,
      ChainStore.Head head,
      Checkpoints.Checkpoint lastCheckpoint,
      Break firstBreak) {}

  /**
   * Verifies the records recorded within [from, to) (the whole chain when both are null). Only a
   * walk that reaches the head (no {@code to}) can tell a cut tail, from the last checkpoint.
   */
  public Result verify(String tenant, Instant from, Instant to) {
    // The newest checkpoint first: read after the head, it could sign records appended since.
    Optional<Checkpoints.Checkpoint> last = checkpoints.latest(tenant);
    ChainStore.Head head = store.head(tenant);
    long fromSeq = 1;
    long toSeq = head.seq();
    if (from != null || to != null) {
      Optional<long[]> range = store.seqRange(tenant, from, to);
      if (range.isEmpty()) {
        return new Result(tenant, true, 0, 0, 0, 0, head, last.orElse(null), null);
      }
      fromSeq = range.get()[0];
      toSeq = range.get()[1];
    }
    boolean toHead = to == null;
    Walk walk = new Walk(tenant, fromSeq, toSeq);
    if (fromSeq > 1) {
      Optional<StoredRow> before = store.find(tenant, fromSeq - 1);
      if (before.isEmpty()) {
        walk.broken =
            new Break(fromSeq - 1, null, "record_missing", "seq " + (fromSeq - 1) + " is missing");
      } else {
        walk.previous = before.get();
      }
    }
    if (walk.broken == null) {
      store.walk(tenant, fromSeq, toSeq, walk::visit);
    }
    if (walk.broken == null && toHead && last.isPresent()) {
      walk.checkTail(last.get());
    }
    return new Result(
        tenant,
        walk.broken == null,
        fromSeq,
        toSeq,
        walk.checked,
        walk.checkpointsChecked,
        head,
        last.orElse(null),
        walk.broken);
  }

  /** The state of one walk. */
  private final class Walk {
    final Map<Long, Checkpoints.Checkpoint> bySeq = new HashMap<>();
    long expectedSeq;
    StoredRow previous;
    long checked;
    int checkpointsChecked;
    Break broken;

    Walk(String tenant, long fromSeq, long toSeq) {
      checkpoints.between(tenant, fromSeq, toSeq).forEach(c -> bySeq.put(c.seq(), c));
      expectedSeq = fromSeq;
    }

    boolean visit(StoredRow row) {
      broken = check(row);
      if (broken != null) {
        return false;
      }
      checked++;
      previous = row;
      expectedSeq = row.seq() + 1;
      return true;
    }

    private Break check(StoredRow row) {
      if (row.seq() != expectedSeq) {
        return new Break(
            expectedSeq,
            null,
            "record_missing",
            "seq "
                + expectedSeq
                + (row.seq() - 1 > expectedSeq ? ".." + (row.seq() - 1) : "")
                + " missing: the chain jumps to seq "
                + row.seq()
                + " (event "
                + row.eventId()
                + ")");
      }
      if (!ChainHash.link(row.prevHash(), row.body()).equals(row.hash())) {
        return new Break(
            row.seq(),
            row.eventId(),
            "hash_mismatch",
            "the record's content does not hash to its stored hash: it was changed after it was"
                + " chained");
      }
      String differing = differingColumns(row);
      if (differing != null) {
        return new Break(
            row.seq(),
            row.eventId(),
            "content_mismatch",
            "column(s) " + differing + " differ from the hashed record");
      }
      String expectedPrev = previous == null ? ChainHash.GENESIS : previous.hash();
      if (!row.prevHash().equals(expectedPrev)) {
        return new Break(
            row.seq(),
            row.eventId(),
            "link_mismatch",
            "chained to "
                + row.prevHash()
                + " but seq "
                + (row.seq() - 1)
                + " hashes to "
                + expectedPrev
                + ": one of the two was rewritten");
      }
      Checkpoints.Checkpoint cp = bySeq.get(row.seq());
      if (cp != null) {
        checkpointsChecked++;
        if (!checkpoints.authentic(cp)) {
          return forged(cp);
        }
        if (!cp.headHash().equals(row.hash())) {
          return new Break(
              row.seq(),
              row.eventId(),
              "checkpoint_mismatch",
              "the checkpoint signed at "
                  + cp.signedAt()
                  + " says this record hashed to "
                  + cp.headHash()
                  + "; it now hashes to "
                  + row.hash()
                  + ": the chain up to here was rewritten");
        }
      }
      return null;
    }

    /** A signed head beyond the last record: the tail was cut. */
    void checkTail(Checkpoints.Checkpoint cp) {
      long lastSeq = expectedSeq - 1;
      if (cp.seq() <= lastSeq) {
        return; // checked on the walk
      }
      checkpointsChecked++;
      if (!checkpoints.authentic(cp)) {
        broken = forged(cp);
      } else {
        broken =
            new Break(
                lastSeq + 1,
                null,
                "tail_truncated",
                "the checkpoint signed at "
                    + cp.signedAt()
                    + " covers seq "
                    + cp.seq()
                    + " but the chain ends at seq "
                    + lastSeq
                    + ": records "
                    + (lastSeq + 1)
                    + ".."
                    + cp.seq()
                    + " were removed");
      }
    }

    private Break forged(Checkpoints.Checkpoint cp) {
      return new Break(
          cp.seq(),
          null,
          "checkpoint_invalid",
          "the checkpoint of seq "
              + cp.seq()
              + " (key "
              + cp.keyId()
              + ") has a wrong signature: it was forged or altered");
    }

    private String differingColumns(StoredRow row) {
      JsonNode body;
      try {
        body = ChainHash.parse(row.body());
      } catch (IllegalArgumentException e) {
        return "body";
      }
      RecordBody.Columns hashed = RecordBody.columns(body);
      RecordBody.Columns stored = row.columns();
      if (hashed.equals(stored)) {
        return null;
      }
      StringBuilder names = new StringBuilder();
      var components = RecordBody.Columns.class.getRecordComponents();
      for (var component : components) {
        try {
          Object a = component.getAccessor().invoke(hashed);
          Object b = component.getAccessor().invoke(stored);
          if (!Objects.equals(a, b)) {
            names
                .append(names.isEmpty() ? "" : ", ")
                .append(
                    component
                        .getName()
                        .replaceAll("([a-z])([A-Z])", "$1_$2")
                        .toLowerCase(Locale.ROOT));
          }
        } catch (ReflectiveOperationException e) {
          throw new IllegalStateException(e);
        }
      }
      return names.toString();
    }
  }
}
