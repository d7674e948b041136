package io.membank.audit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.audit.support.Events;
import io.membank.audit.webhooks.events.EventType;
import io.membank.audit.webhooks.events.WebhookEventMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which bus records are which webhook events. */
class WebhookEventMapperTest {

  static String memoryRecord(String type, String operation) {
    return "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/membank/memory-service\","
        + "\"type\":\""
        + type
        + "\",\"time\":\"2026-12-01T10:00:00Z\",\"data\":{\"memory_id\":\"m-1\","
        + "\"tenant_id\":\"acme\",\"user_id\":\"u-1\",\"operation\":\""
        + operation
        + "\",\"version\":2,\"content\":\"x\"}}";
  }

  @Test
  void memoryOperationsMapToMemoryEventTypes() {
    var added =
        WebhookEventMapper.fromMemoryRecord(memoryRecord("membank.memory.created.v1", "created"));
    assertThat(added.type()).isEqualTo(EventType.MEMORY_ADDED);
    assertThat(added.id()).isEqualTo("e-1");
    assertThat(added.tenantId()).isEqualTo("acme");
    assertThat(added.data().path("memory_id").asText()).isEqualTo("m-1");
    assertThat(
            WebhookEventMapper.fromMemoryRecord(
                    memoryRecord("membank.memory.invalidated.v1", "invalidated"))
                .type())
        .isEqualTo(EventType.MEMORY_INVALIDATED);
  }

  @Test
  void poisonMemoryRecordsAreRefused() {
    assertThatThrownBy(() -> WebhookEventMapper.fromMemoryRecord("{not json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> WebhookEventMapper.fromMemoryRecord("{\"type\":\"other\"}"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jobAndErasureOutcomesComeFromAuditRecords() {
    String completed =
        Events.event("acme")
            .resource("memory_job", "j-1", "u-1")
            .action("modify")
            .details(Map.of("status", "completed", "added", 1))
            .json();
    var job = WebhookEventMapper.fromAuditRecord(completed).orElseThrow();
    assertThat(job.type()).isEqualTo(EventType.JOB_COMPLETED);
    assertThat(job.data().path("job_id").asText()).isEqualTo("j-1");
    assertThat(job.data().path("added").asInt()).isEqualTo(1);

    String failed =
        Events.event("acme")
            .resource("memory_job", "j-2", "u-1")
            .details(Map.of("status", "failed", "error", "boom"))
            .json();
    assertThat(WebhookEventMapper.fromAuditRecord(failed).orElseThrow().type())
        .isEqualTo(EventType.JOB_FAILED);

    String erased =
        Events.event("acme")
            .resource("erasure", "er-1", "u-9")
            .action("delete")
            .details(Map.of("status", "completed"))
            .json();
    var erasure = WebhookEventMapper.fromAuditRecord(erased).orElseThrow();
    assertThat(erasure.type()).isEqualTo(EventType.ERASURE_COMPLETED);
    assertThat(erasure.data().path("erasure_id").asText()).isEqualTo("er-1");
  }

  @Test
  void otherAuditRecordsAreNoWebhookEvents() {
    assertThat(WebhookEventMapper.fromAuditRecord(Events.event("acme").json())).isEmpty();
    String accepted =
        Events.event("acme").resource("memory_job", "j-1", "u-1").action("create").json();
    assertThat(WebhookEventMapper.fromAuditRecord(accepted)).isEmpty();
    String failedErasure =
        Events.event("acme")
            .resource("erasure", "er-1", "u-9")
            .outcome("failure")
            .details(Map.of("status", "completed"))
            .json();
    assertThat(WebhookEventMapper.fromAuditRecord(failedErasure)).isEmpty();
  }
}
