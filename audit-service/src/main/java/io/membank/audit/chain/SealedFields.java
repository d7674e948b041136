package io.membank.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.shredding.SubjectKey;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Crypto-shredding of a record's personal fields (issue 17). The fields about a subject — the
 * actor's id and name, ip, user agent and session of the actor; the resource owner's id; the
 * free-form details (the owner's, else the actor's) — are sealed with that subject's key, one group
 * per subject, and the hashed body keeps only the sealed groups and the subjects' keyed pseudonyms
 * (so the searchable columns, derived from the body, hold pseudonyms). The hash covers the
 * ciphertext: destroying a key leaves the chain verifiable and the fields unreadable.
 *
 * <p>A group in the body: {@code {"key": <key id>, "fields": [paths], "sealed": base64}}, the
 * plaintext being a JSON object from path ({@code actor.id}, {@code details}, ...) to value.
 */
public final class SealedFields {

  /** What a read shows for a field whose key was destroyed. */
  public static final String ERASED = "[erased]";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SealedFields() {}

  /** The record as stored (pseudonyms, personal fields removed) and its sealed groups. */
  public record Sealed(AuditEntry stored, ArrayNode groups) {}

  /** The subjects a record is about: its actor and its resource's owner. */
  public static Set<String> subjects(AuditEntry e) {
    Set<String> subjects = new HashSet<>();
    if (e.actor().id() != null) {
      subjects.add(e.actor().id());
    }
    if (e.resource().ownerId() != null) {
      subjects.add(e.resource().ownerId());
    }
    return subjects;
  }

  /** Seals the entry's personal fields under the keys of its {@link #subjects}. */
  public static Sealed seal(AuditEntry e, Map<String, SubjectKey> keys) {
    String actor = e.actor().id();
    String owner = e.resource().ownerId();
    ArrayNode groups = NODES.arrayNode();
    if (actor == null && owner == null) {
      return new Sealed(e, groups); // about no one: nothing to seal
    }
    String detailsOf = owner != null ? owner : actor;
    if (actor != null) {
      ObjectNode fields = NODES.objectNode();
      fields.put("actor.id", actor);
      fields.put("actor.name", e.actor().name());
      fields.put("ip", e.ip());
      fields.put("user_agent", e.userAgent());
      fields.put("session_id", e.sessionId());
      if (actor.equals(owner)) {
        fields.put("resource.owner_id", owner);
      }
      if (actor.equals(detailsOf)) {
        fields.set("details", e.details());
      }
      groups.add(group(e, keys.get(actor), fields));
    }
    if (owner != null && !owner.equals(actor)) {
      ObjectNode fields = NODES.objectNode();
      fields.put("resource.owner_id", owner);
      fields.set("details", e.details());
      groups.add(group(e, keys.get(owner), fields));
    }
    AuditEntry stored =
        new AuditEntry(
            e.tenantId(),
            e.eventId(),
            e.eventType(),
            e.source(),
            e.occurredAt(),
            e.service(),
            new AuditEntry.Actor(
                e.actor().type(),
                actor == null ? null : keys.get(actor).pseudonym(actor),
                actor == null ? e.actor().name() : null,
                e.actor().roles()),
            e.action(),
            new AuditEntry.Resource(
                e.resource().type(),
                e.resource().id(),
                owner == null ? null : keys.get(owner).pseudonym(owner)),
            e.outcome(),
            actor == null ? e.ip() : null,
            actor == null ? e.userAgent() : null,
            actor == null ? e.sessionId() : null,
            e.traceId(),
            e.requestId(),
            null,
            e.intakeWarnings());
    return new Sealed(stored, groups);
  }

  /** The ids of the keys a body's groups were sealed with. */
  public static Set<UUID> keyIds(JsonNode body) {
    Set<UUID> ids = new LinkedHashSet<>();
    body.path("sealed").forEach(g -> ids.add(UUID.fromString(g.path("key").asText())));
    return ids;
  }

  /**
   * A copy of the body with its sealed fields opened where the key still exists, and {@link
   * #ERASED} (details: {@code {"erased": true}}) where it was destroyed.
   */
  public static ObjectNode open(JsonNode body, Map<UUID, SubjectKey> keys) {
    ObjectNode opened = body.deepCopy();
    String aad = aad(body.path("tenant_id").asText(), body.path("event_id").asText());
    for (JsonNode group : body.path("sealed")) {
      SubjectKey key = keys.get(UUID.fromString(group.path("key").asText()));
      if (key != null) {
        JsonNode fields = ChainHash.parse(key.open(group.path("sealed").asText(), aad));
        for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          set(opened, field.getKey(), field.getValue());
        }
      } else {
        for (JsonNode path : group.path("fields")) {
          set(
              opened,
              path.asText(),
              "details".equals(path.asText())
                  ? NODES.objectNode().put("erased", true)
                  : NODES.textNode(ERASED));
        }
      }
    }
    opened.remove("sealed");
    return opened;
  }

  private static ObjectNode group(AuditEntry e, SubjectKey key, ObjectNode fields) {
    ObjectNode present = NODES.objectNode();
    ArrayNode paths = NODES.arrayNode();
    fields
        .fields()
        .forEachRemaining(
            f -> {
              if (!f.getValue().isNull()) {
                present.set(f.getKey(), f.getValue());
                paths.add(f.getKey());
              }
            });
    ObjectNode group = NODES.objectNode();
    group.put("key", key.id().toString());
    group.set("fields", paths);
    group.put("sealed", key.seal(ChainHash.canonical(present), aad(e.tenantId(), e.eventId())));
    return group;
  }

  /** The ciphertext is bound to its record: it cannot be copied into another one. */
  private static String aad(String tenant, String eventId) {
    return tenant + "\0" + eventId;
  }

  private static void set(ObjectNode root, String path, JsonNode value) {
    int dot = path.indexOf('.');
    if (dot < 0) {
      root.set(path, value);
    } else {
      String head = path.substring(0, dot);
      ObjectNode child =
          root.get(head) instanceof ObjectNode existing ? existing : root.putObject(head);
      child.set(path.substring(dot + 1), value);
    }
  }
}
