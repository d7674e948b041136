package io.membank.memory.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.MemoryType;
import io.membank.llm.ChatException;
import io.membank.llm.ChatResult;
import io.membank.llm.OpenAiChatClient;
import io.membank.llm.PromptHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Extraction by an OpenAI-compatible chat model with JSON-schema structured output. When the model
 * gives no usable answer (down, refusing, malformed), the built-in extractor stands in and the job
 * result says so: an accepted write is never lost to a model outage.
 */
public class OpenAiExtractor implements Extractor {

  private static final Logger LOG = Logger.getLogger(OpenAiExtractor.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String SYSTEM_PROMPT =
      """
      You extract durable facts about the user from a conversation, for a long-term memory.
      Only use what the USER said; ignore the assistant except as context. Skip greetings,
      small talk, questions and anything not true of the user beyond this moment.
      Write each fact as one short sentence in the language the user wrote in.
      type: preference, personal_info, plan, relationship, health, event or fact.
      importance: 0 to 1 (health and identity facts high, trivia low).
      entities: names of people, places, organisations and things the fact mentions.
      slot: when the fact gives the one current value of something (where the user lives,
      works, their name, age, whether they like X), a key such as lives_in, works_at, name,
      age, likes:<thing>; slot_value: that value (for likes:<thing>, "yes" or "no").
      Otherwise slot and slot_value are null.
      """;

  private final OpenAiChatClient client;
  private final Extractor fallback;
  private final JsonNode schema;

  public OpenAiExtractor(OpenAiChatClient client, Extractor fallback) {
    this.client = client;
    this.fallback = fallback;
    this.schema = loadSchema();
  }

  @Override
  public Extraction extract(Exchange exchange) {
    String provider = client.settings().providerName();
    String model = client.settings().model();
    String prompt = render(exchange);
    String promptHash = PromptHash.of(SYSTEM_PROMPT, prompt);
    try {
      ChatResult result = client.complete(SYSTEM_PROMPT, prompt, "memory_facts", schema);
      return new Extraction(
          candidates(result.content()),
          provider,
          model,
          result.tokensIn(),
          result.tokensOut(),
          result.attempts(),
          result.latencyMillis(),
          null,
          promptHash);
    } catch (ChatException e) {
      LOG.warnf(
          "memory.extract.fallback provider=%s model=%s reason=%s",
          provider, model, e.getMessage());
      Extraction offline = fallback.extract(exchange);
      return new Extraction(
          offline.candidates(),
          provider,
          model,
          e.tokensIn(),
          e.tokensOut(),
          client.settings().maxRetries() + 1,
          0,
          "builtin: " + e.getMessage(),
          promptHash);
    }
  }

  static String render(Exchange exchange) {
    StringBuilder text = new StringBuilder();
    if (exchange.summary() != null && !exchange.summary().isBlank()) {
      text.append("Summary of earlier conversation:\n").append(exchange.summary()).append("\n\n");
    }
    for (String earlier : exchange.recentUserMessages()) {
      text.append("USER (earlier): ").append(earlier).append('\n');
    }
    if (exchange.userText() != null) {
      text.append("USER: ").append(exchange.userText()).append('\n');
    }
    if (exchange.assistantText() != null && !exchange.assistantText().isBlank()) {
      text.append("ASSISTANT: ").append(exchange.assistantText()).append('\n');
    }
    return text.toString();
  }

  /** Candidates from the model's answer; facts with no content or an unknown type are fixed up. */
  static List<Candidate> candidates(JsonNode answer) {
    List<Candidate> out = new ArrayList<>();
    for (JsonNode fact : answer.path("facts")) {
      String content = fact.path("content").asText("").strip();
      if (content.isEmpty()) {
        continue;
      }
      MemoryType type = MemoryType.fromWire(fact.path("type").asText()).orElse(MemoryType.FACT);
      double importance = Math.max(0, Math.min(1, fact.path("importance").asDouble(0.5)));
      List<String> entities = new ArrayList<>();
      fact.path("entities").forEach(e -> entities.add(e.asText()));
      String slot =
          fact.path("slot").isTextual()
              ? fact.path("slot").asText().toLowerCase(Locale.ROOT)
              : null;
      String value =
          fact.path("slot_value").isTextual()
              ? fact.path("slot_value").asText().toLowerCase(Locale.ROOT)
              : null;
      out.add(
          new Candidate(
              content,
              type,
              importance,
              List.copyOf(entities),
              slot == null || slot.isBlank() ? null : slot,
              value));
    }
    return out;
  }

  private static JsonNode loadSchema() {
    try (InputStream in =
        OpenAiExtractor.class.getResourceAsStream("/llm/memory-facts.schema.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
