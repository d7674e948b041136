package io.membank.memory.ingest.pipeline;

import io.membank.contracts.AuditEvent;
import io.membank.contracts.EventTypes;
import io.membank.contracts.MemoryEvent;
import io.membank.memory.audit.AuditTrail;
import io.membank.memory.decide.Decision;
import io.membank.memory.decide.DecisionEngine;
import io.membank.memory.events.MemoryEventPublisher;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.MessageSource;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.Turn;
import io.membank.memory.store.MemoryEntity;
import io.membank.memory.store.MemoryHistoryEntity.Reason;
import io.membank.memory.store.MemoryRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries out a plan in the job's completing transaction: each change is a new memory version with
 * its history row, its {@code memory.events} event and its audit record, all through the outbox.
 */
@ApplicationScoped
public class ApplyStep {

  private final EntityManager em;
  private final MemoryRepository memories;
  private final MemoryEventPublisher events;
  private final AuditTrail audit;

  ApplyStep(
      EntityManager em, MemoryRepository memories, MemoryEventPublisher events, AuditTrail audit) {
    this.em = em;
    this.memories = memories;
    this.events = events;
    this.audit = audit;
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public Applied apply(ClaimedJob job, Plan plan, OffsetDateTime now) {
    List<Applied.Outcome> outcomes = new ArrayList<>();
    for (Decision d : plan.decisions()) {
      String previous =
          switch (d.event()) {
            case ADD -> {
              add(job, d, now);
              yield null;
            }
            case UPDATE -> update(job, d, now);
            case INVALIDATE -> invalidate(job, d, now);
            case NOOP -> null;
          };
      outcomes.add(new Applied.Outcome(d, previous));
    }
    return new Applied(outcomes);
  }

  private void add(ClaimedJob job, Decision d, OffsetDateTime now) {
    Candidate c = d.candidate();
    JobInput input = job.input();
    MemoryEntity m = new MemoryEntity();
    m.id = d.targetId();
    m.tenantId = job.tenantId();
    m.userId = job.userId();
    m.agentId = job.agentId();
    m.sessionId = job.sessionId();
    m.content = c.content();
    m.normalizedContent = DecisionEngine.normalize(c.content());
    m.slot = c.slot();
    m.slotValue = c.slotValue();
    m.type = c.type();
    m.importance = c.importance();
    m.entities = c.entities();
    m.metadata = input.metadata() == null ? Map.of() : input.metadata();
    m.provenance = provenance(job, c.source());
    m.sourceText = c.source() != null ? c.source().text() : sourceOf(input);
    m.version = 1;
    // Validity starts when it was said: last year's chats must not look like today's. Without an
    // event time, it happened when it was told. What it tells happened on the date its words name
    // ("yesterday", 上周), resolved against the day it was said, else when it was said.
    OffsetDateTime said = saidAt(input, c);
    m.validFrom = said != null ? said : now;
    m.occurredAt = occurredAt(c, m.validFrom);
    m.expiresAt = input.expiresAt();
    m.createdAt = now;
    m.updatedAt = now;
    m.persist();
    memories.recordVersion(m, Reason.extracted, null, job.id(), "ingestion");
    events.publish(m, MemoryEvent.Operation.CREATED, EventTypes.MEMORY_CREATED);
    audited(job, AuditEvent.Action.CREATE, m, Map.of("job_id", job.id().toString()));
  }

  /** Merges the candidate into the target; returns the target's content before. */
  private String update(ClaimedJob job, Decision d, OffsetDateTime now) {
    MemoryEntity m = target(job, d);
    Candidate c = d.candidate();
    String previous = m.content;
    m.content = c.content();
    m.normalizedContent = DecisionEngine.normalize(c.content());
    m.slot = c.slot() != null ? c.slot() : m.slot;
    m.slotValue = c.slot() != null ? c.slotValue() : m.slotValue;
    m.importance = Math.max(m.importance, c.importance());
    LinkedHashSet<String> entities =
        new LinkedHashSet<>(m.entities == null ? List.of() : m.entities);
    entities.addAll(c.entities());
    m.entities = List.copyOf(entities);
    m.sourceText = withSource(m.sourceText, c.source() != null ? c.source().text() : null);
    m.version++;
    m.updatedAt = now;
    memories.recordVersion(m, Reason.merged, previous, job.id(), "ingestion");
    events.publish(m, MemoryEvent.Operation.UPDATED, EventTypes.MEMORY_UPDATED);
    audited(job, AuditEvent.Action.MODIFY, m, Map.of("job_id", job.id().toString()));
    return previous;
  }

  /** Closes the target, which the candidate contradicts; returns its content. */
  private String invalidate(ClaimedJob job, Decision d, OffsetDateTime now) {
    MemoryEntity m = target(job, d);
    m.validTo = now;
    m.version++;
    m.updatedAt = now;
    memories.recordVersion(m, Reason.contradicted, m.content, job.id(), "ingestion");
    events.publish(m, MemoryEvent.Operation.INVALIDATED, EventTypes.MEMORY_INVALIDATED);
    audited(
        job,
        AuditEvent.Action.MODIFY,
        m,
        Map.of("job_id", job.id().toString(), "contradicted_by", d.candidate().content()));
    return m.content;
  }

  private void audited(
      ClaimedJob job, AuditEvent.Action action, MemoryEntity m, Map<String, Object> details) {
    audit.recordSystem(job.tenantId(), action, "memory", m.id.toString(), m.userId, details);
  }

  private MemoryEntity target(ClaimedJob job, Decision d) {
    MemoryEntity m = em.find(MemoryEntity.class, d.targetId());
    if (m == null || !Objects.equals(m.tenantId, job.tenantId())) {
      throw new IllegalStateException("decision names an unknown memory " + d.targetId());
    }
    return m;
  }

  /** Longest source text a memory keeps (merged memories gather their messages' text). */
  static final int MAX_SOURCE_CHARS = 4000;

  /** The text a memory of a job without per-message sources came from: the user's text. */
  static String sourceOf(JobInput input) {
    String text = input.userText();
    return text == null || text.isBlank() ? null : cap(text);
  }

  /** The merged memory's source: the old one and the new message's text, if not already there. */
  static String withSource(String old, String added) {
    if (added == null || added.isBlank() || (old != null && old.contains(added))) {
      return old;
    }
    return cap(old == null ? added : old + "\n" + added);
  }

  private static String cap(String text) {
    return text.length() <= MAX_SOURCE_CHARS ? text : text.substring(0, MAX_SOURCE_CHARS);
  }

  /** When the candidate was said: its message's time, else the request's (or latest turn's). */
  static OffsetDateTime saidAt(JobInput input, Candidate c) {
    if (c.source() != null && c.source().saidAt() != null) {
      return c.source().saidAt();
    }
    return input.occurredAt();
  }

  /**
   * When what the candidate tells happened: the first day of the span its words name, at the start
   * of that day in the offset it was said in; else when it was said.
   */
  static OffsetDateTime occurredAt(Candidate c, OffsetDateTime said) {
    if (c.occurred() == null) {
      return said;
    }
    return c.occurred().from().atStartOfDay().atOffset(said.getOffset());
  }

  /**
   * Where a new memory came from: the job, its session, and the message it was extracted from (its
   * id, time and speaker), else all the user's message ids and times.
   */
  static Map<String, Object> provenance(ClaimedJob job, MessageSource source) {
    JobInput input = job.input();
    Map<String, Object> p = new HashMap<>();
    p.put("job_id", job.id().toString());
    if (job.sessionId() != null) {
      p.put("session_id", job.sessionId());
    }
    if (source != null) {
      if (source.messageId() != null) {
        p.put("message_ids", List.of(source.messageId()));
      }
      if (source.saidAt() != null) {
        p.put("message_timestamps", List.of(source.saidAt().toString()));
      }
      if (source.speaker() != null) {
        p.put("speaker", source.speaker());
      }
      return p;
    }
    List<String> ids = new ArrayList<>();
    List<String> times = new ArrayList<>();
    if (input.messages() != null) {
      for (Turn turn : input.messages()) {
        if (turn.byUser()) {
          if (turn.id() != null) {
            ids.add(turn.id());
          }
          if (turn.timestamp() != null) {
            times.add(turn.timestamp().toString());
          }
        }
      }
    } else if (input.timestamp() != null) {
      times.add(input.timestamp().toString());
    }
    if (!ids.isEmpty()) {
      p.put("message_ids", ids);
    }
    if (!times.isEmpty()) {
      p.put("message_timestamps", times);
    }
    return p;
  }
}
