package io.membank.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.risk.Classification;
import io.membank.audit.risk.RiskLevel;
import io.membank.audit.support.Events;
import io.membank.audit.support.Limits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical form and the link hash: deterministic, and sensitive to every field. */
class ChainHashTest {

  @Test
  void canonicalJsonIgnoresKeyOrderWhitespaceAndNulls() {
    String a = ChainHash.canonical(ChainHash.parse("{\"b\":1,\"a\":{\"y\":[2,1],\"x\":null}}"));
    String b = ChainHash.canonical(ChainHash.parse("{ \"a\" : { \"y\" : [2, 1] }, \"b\" : 1 }"));
    assertThat(a).isEqualTo(b).isEqualTo("{\"a\":{\"y\":[2,1]},\"b\":1}");
  }

  @Test
  void theLinkDependsOnThePreviousHashAndOnEveryByteOfTheBody() throws Exception {
    String h1 = ChainHash.link(ChainHash.GENESIS, "{\"a\":1}");
    assertThat(h1).hasSize(64).isEqualTo(ChainHash.link(ChainHash.GENESIS, "{\"a\":1}"));
    assertThat(ChainHash.link(ChainHash.GENESIS, "{\"a\":2}")).isNotEqualTo(h1);
    assertThat(ChainHash.link(h1, "{\"a\":1}")).isNotEqualTo(h1);
    // sha256("0"*64 + '{"a":1}'), computed independently
    byte[] digest =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(
                (ChainHash.GENESIS + "{\"a\":1}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(h1).isEqualTo(java.util.HexFormat.of().formatHex(digest));
  }

  @Test
  void aBodyReadsBackToTheColumnsItWasStoredWith() {
    AuditEntry e =
        new AuditEventParser(Limits.intake())
            .parse(Events.event("acme").action("delete").resource("memory", "m-1", "u-2").json());
    Classification c =
        new Classification(RiskLevel.HIGH, List.of("delete_of_other_subject"), List.of("GDPR"));
    Instant recordedAt = Instant.parse("2026-11-25T10:00:00.123456789Z");
    String body = RecordBody.canonical(e, c, 7, recordedAt);
    RecordBody.Columns cols = RecordBody.columns(ChainHash.parse(body));
    assertThat(cols.seq()).isEqualTo(7);
    assertThat(cols.tenantId()).isEqualTo("acme");
    assertThat(cols.recordedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123456Z"));
    assertThat(cols.resourceOwnerId()).isEqualTo("u-2");
    assertThat(cols.risk()).isEqualTo("high");
    assertThat(cols.riskRank()).isEqualTo(2);
    assertThat(cols.compliance()).containsExactly("GDPR");
  }
}
