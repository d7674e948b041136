package io.membank.audit.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.chain.AuditEntry;
import io.membank.audit.support.Events;
import io.membank.audit.support.Limits;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What makes an audit event poison, and what is only repaired (and noted). */
class AuditEventParserTest {

  final AuditEventParser parser = new AuditEventParser(Limits.intake());

  @Test
  void aWellFormedEventIsReadWithoutWarnings() {
    Events.Builder b = Events.event("acme").action("delete").resource("memory", "m-7", "u-9");
    AuditEntry e = parser.parse(b.json());
    assertThat(e.tenantId()).isEqualTo("acme");
    assertThat(e.eventId()).isEqualTo(b.id());
    assertThat(e.action()).isEqualTo("delete");
    assertThat(e.resource()).isEqualTo(new AuditEntry.Resource("memory", "m-7", "u-9"));
    assertThat(e.actor().roles()).containsExactly("reader");
    assertThat(e.intakeWarnings()).isEmpty();
  }

  @Test
  void recordsWithoutIdTenantOrAuditTypeArePoison() {
    assertThatThrownBy(() -> parser.parse("not json"))
        .isInstanceOf(AuditEventParser.PoisonEvent.class);
    assertThatThrownBy(() -> parser.parse("[1,2]"))
        .isInstanceOf(AuditEventParser.PoisonEvent.class);
    String noId = Events.event("acme").json().replaceFirst("\"id\":\"[^\"]+\",", "");
    assertThatThrownBy(() -> parser.parse(noId)).hasMessageContaining("id");
    String memoryEvent =
        Events.event("acme")
            .json()
            .replace("membank.audit.recorded.v1", "membank.memory.created.v1");
    assertThatThrownBy(() -> parser.parse(memoryEvent)).hasMessageContaining("not an audit event");
    Events.Builder b = Events.event("acme");
    ObjectNode data = b.data();
    data.remove("tenant_id");
    String noTenant = b.envelope(data).replace("\"tenantid\":\"acme\",", "");
    assertThatThrownBy(() -> parser.parse(noTenant)).hasMessageContaining("tenant");
    String badTenant = Events.event("../etc").json();
    assertThatThrownBy(() -> parser.parse(badTenant)).hasMessageContaining("tenant");
    ObjectNode other = b.data().put("tenant_id", "globex");
    assertThatThrownBy(() -> parser.parse(b.envelope(other))).hasMessageContaining("disagree");
  }

  @Test
  void badOptionalFieldsAreRepairedAndNoted() {
    Events.Builder b = Events.event("acme");
    ObjectNode data = b.data();
    data.put("occurred_at", "yesterday-ish");
    data.put("ip", 42);
    data.putObject("user_agent").put("nested", true);
    ((ObjectNode) data.get("actor")).put("roles", "admin");
    data.put("details", "not an object");
    data.put("action", "PURGE");
    data.put("session_id", "s\u0000-1");
    data.remove("outcome");
    Instant before = Instant.now();

    AuditEntry e = parser.parse(b.envelope(data));

    // occurred_at falls back to the envelope's time, which the builder set to "now"
    assertThat(e.occurredAt()).isBeforeOrEqualTo(Instant.now());
    assertThat(e.occurredAt()).isAfter(before.minusSeconds(5));
    assertThat(e.ip()).isEqualTo("42");
    assertThat(e.userAgent()).isNull();
    assertThat(e.actor().roles()).isNull();
    assertThat(e.details()).isNull();
    assertThat(e.action()).isEqualTo("purge");
    assertThat(e.outcome()).isEqualTo("unknown");
    assertThat(e.sessionId()).isEqualTo("s-1");
    assertThat(e.intakeWarnings())
        .contains(
            "unparseable time yesterday-ish",
            "ip was not a string",
            "user_agent dropped: not a string",
            "actor.roles dropped: not a list",
            "details dropped: not an object",
            "outcome missing");
  }

  @Test
  void overlongFieldsAreCut() {
    Events.Builder b = Events.event("acme").actor("user", "x".repeat(5000));
    AuditEntry e = parser.parse(b.json());
    assertThat(e.actor().id()).hasSize(1024);
    assertThat(e.intakeWarnings()).contains("actor.id cut to 1024 characters");
  }
}
