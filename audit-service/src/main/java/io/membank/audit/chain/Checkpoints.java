package io.membank.audit.chain;

import io.membank.audit.config.AuditConfig;
import io.membank.audit.config.KeyFiles;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jboss.logging.Logger;

/**
 * Signed checkpoints of chain heads: HMAC-SHA256 over (tenant, seq, head hash) with a key from
 * config. A chain whose tail was cut, or that was rewritten and re-hashed, no longer reaches or
 * matches its last signed head. The heads that moved are signed on a schedule; each signature is
 * also logged ({@code audit.checkpoint}), so a copy lives outside the database.
 */
@ApplicationScoped
public class Checkpoints {

  private static final Logger LOG = Logger.getLogger(Checkpoints.class);
  private static final HexFormat HEX = HexFormat.of();

  @Inject ChainStore store;
  @Inject AuditConfig config;

  /** One signed head. */
  public record Checkpoint(
      String tenantId,
      long seq,
      String headHash,
      Instant signedAt,
      String keyId,
      String signature) {}

  private String key;

  /** Fails the start when the key is unusable, rather than at the first checkpoint. */
  void onStart(@Observes StartupEvent start) {
    key();
  }

  private synchronized String key() {
    if (key == null) {
      String k = config.checkpoint().key().orElseGet(this::keyFromFile);
      if (k.length() < 32) {
        throw new IllegalStateException(
            "membank.audit.checkpoint.key must have at least 32 characters");
      }
      key = k;
    }
    return key;
  }

  /** The key file's content; made (random, owner-only) on first start of a local stack. */
  private String keyFromFile() {
    return KeyFiles.readOrCreate(
        config.checkpoint().keyFile(), HEX::formatHex, "membank.audit.checkpoint.key");
  }

  /** Signs the head of every chain that moved since its last checkpoint. */
  @Scheduled(
      every = "${membank.audit.checkpoint.every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  public void signMovedHeads() {
    for (String tenant : store.tenants()) {
      try {
        sign(tenant);
      } catch (RuntimeException e) {
        LOG.warnf("audit.checkpoint.failed tenant=%s reason=%s", tenant, e.getMessage());
      }
    }
  }

  /** Signs the tenant's current head unless it is already signed; returns the new checkpoint. */
  public Optional<Checkpoint> sign(String tenant) {
    ChainStore.Head head = store.head(tenant);
    if (head.seq() == 0 || latest(tenant).map(c -> c.seq() >= head.seq()).orElse(false)) {
      return Optional.empty();
    }
    String keyId = config.checkpoint().keyId();
    Checkpoint cp =
        new Checkpoint(
            tenant,
            head.seq(),
            head.hash(),
            RecordBody.stored(Instant.now()),
            keyId,
            hmac(key(), tenant, head.seq(), head.hash()));
    try (Connection c = store.connection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into chain_checkpoint (tenant_id, seq, head_hash, signed_at, key_id,"
                    + " signature) values (?, ?, ?, ?, ?, ?) on conflict do nothing")) {
      s.setString(1, cp.tenantId());
      s.setLong(2, cp.seq());
      s.setString(3, cp.headHash());
      s.setTimestamp(4, Timestamp.from(cp.signedAt()));
      s.setString(5, cp.keyId());
      s.setString(6, cp.signature());
      if (s.executeUpdate() == 0) {
        return Optional.empty(); // another instance signed the same head
      }
    } catch (SQLException e) {
      throw new IllegalStateException("storing a checkpoint of " + tenant + " failed", e);
    }
    LOG.infof(
        "audit.checkpoint tenant=%s seq=%d head=%s key_id=%s signature=%s",
        tenant, cp.seq(), cp.headHash(), keyId, cp.signature());
    return Optional.of(cp);
  }

  /** Whether the checkpoint's signature is right under its key (current or previous). */
  public boolean authentic(Checkpoint cp) {
    String key =
        cp.keyId().equals(config.checkpoint().keyId())
            ? key()
            : config.checkpoint().previousKeys().get(cp.keyId());
    if (key == null) {
      return false;
    }
    byte[] expected =
        hmac(key, cp.tenantId(), cp.seq(), cp.headHash()).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, cp.signature().getBytes(StandardCharsets.US_ASCII));
  }

  /** The tenant's newest checkpoint. */
  public Optional<Checkpoint> latest(String tenant) {
    return query(
            "select * from chain_checkpoint where tenant_id = ? order by seq desc limit 1", tenant)
        .stream()
        .findFirst();
  }

  /** The tenant's checkpoints with {@code fromSeq <= seq <= toSeq}, in order. */
  public List<Checkpoint> between(String tenant, long fromSeq, long toSeq) {
    return query(
        "select * from chain_checkpoint where tenant_id = ? and seq between ? and ? order by seq",
        tenant,
        fromSeq,
        toSeq);
  }

  private List<Checkpoint> query(String sql, String tenant, Object... more) {
    try (Connection c = store.connection();
        PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, tenant);
      for (int i = 0; i < more.length; i++) {
        s.setObject(i + 2, more[i]);
      }
      List<Checkpoint> found = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          found.add(
              new Checkpoint(
                  r.getString("tenant_id"),
                  r.getLong("seq"),
                  r.getString("head_hash"),
                  r.getTimestamp("signed_at").toInstant(),
                  r.getString("key_id"),
                  r.getString("signature")));
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("reading checkpoints of " + tenant + " failed", e);
    }
  }

  /** HMAC-SHA256 over "tenant \n seq \n head", hex. */
  static String hmac(String key, String tenant, long seq, String headHash) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String message = "membank-audit-checkpoint/v1\n" + tenant + "\n" + seq + "\n" + headHash;
      return HEX.formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
