package io.membank.memory.api;

import io.membank.memory.api.MemoryDtos.AddMemoryRequest;
import io.membank.memory.api.MemoryDtos.BatchConversation;
import io.membank.memory.api.MemoryDtos.BatchOptions;
import io.membank.memory.api.MemoryDtos.BatchRequest;
import io.membank.memory.api.MemoryDtos.ConversationContext;
import io.membank.memory.api.MemoryDtos.EditMemoryRequest;
import io.membank.memory.api.MemoryDtos.Message;
import io.membank.memory.decide.MergeStrategy;
import io.membank.memory.ingest.AddMemories;
import io.membank.memory.ingest.ImportBatch;
import io.membank.memory.ingest.LatestExchange;
import io.membank.memory.ingest.Turn;
import io.membank.memory.ingest.TurnContext;
import io.membank.memory.memory.MemoryEdit;
import java.util.List;

/**
 * Turns the API's request records into the domain's commands, at the edge: the API can change
 * without touching the pipeline, and the pipeline without touching the API.
 */
final class DomainMapping {

  private DomainMapping() {}

  static AddMemories toCommand(AddMemoryRequest r) {
    return new AddMemories(
        r.userId(),
        r.agentId(),
        r.sessionId(),
        r.content(),
        toContext(r.context()),
        r.metadata(),
        r.customId(),
        toTurns(r.messages()),
        r.infer() == null || r.infer(),
        r.timestamp(),
        r.expiresAt());
  }

  static ImportBatch toCommand(BatchRequest r) {
    return new ImportBatch(
        r.userId(),
        r.conversations().stream().map(DomainMapping::toConversation).toList(),
        toOptions(r.options()));
  }

  static MemoryEdit toEdit(EditMemoryRequest r) {
    return new MemoryEdit(r.content(), r.metadata());
  }

  private static ImportBatch.Conversation toConversation(BatchConversation c) {
    return new ImportBatch.Conversation(
        c.sessionId(), c.agentId(), toTurns(c.messages()), c.timestamp(), c.metadata());
  }

  private static ImportBatch.Options toOptions(BatchOptions o) {
    if (o == null) {
      return null;
    }
    return new ImportBatch.Options(
        o.priority(),
        o.skipDuplicates(),
        o.mergeStrategy() == null ? null : MergeStrategy.valueOf(o.mergeStrategy()));
  }

  private static TurnContext toContext(ConversationContext c) {
    if (c == null) {
      return null;
    }
    LatestExchange latest =
        c.currentExchange() == null
            ? null
            : new LatestExchange(
                c.currentExchange().userMessage(),
                c.currentExchange().assistantMessage(),
                c.currentExchange().timestamp());
    return new TurnContext(latest, toTurns(c.recentMessages()), c.rollingSummary(), c.sessionId());
  }

  private static List<Turn> toTurns(List<Message> messages) {
    if (messages == null) {
      return null;
    }
    return messages.stream()
        .map(m -> new Turn(m.id(), m.role(), m.content(), m.timestamp(), m.name()))
        .toList();
  }
}
