package io.membank.graph.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.llm.ChatException;
import io.membank.llm.ChatResult;
import io.membank.llm.OpenAiChatClient;
import io.membank.llm.PromptHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Extraction by an OpenAI-compatible chat model with JSON-schema structured output. When the model
 * gives no usable answer (down, refusing, malformed JSON), the built-in extractor stands in and the
 * usage says so: an event is never held up by a model outage.
 */
public class OpenAiExtractor implements Extractor {

  private static final Logger LOG = Logger.getLogger(OpenAiExtractor.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the model calls the user in {@code relations[].source}. */
  static final String USER = "USER";

  static final String SYSTEM_PROMPT =
      """
      You build a personal knowledge graph from one memory about a user.
      entities: the people, organizations, places, products, events, dates and concepts the
      memory mentions, each with its name as written and a confidence from 0 to 1. Resolve
      relative dates (tomorrow, 明天) against the reference time given and name them YYYY-MM-DD.
      relations: what the memory states about them, as source, relation, target and strength
      (0 to 1). source and target are entity names from your list; the user the memory is about
      is "USER". Prefer these relation names: PREFERS, DISLIKES, WORKS_AT, STUDIES_AT, LIVES_IN,
      KNOWS, PARTICIPATES_IN, SCHEDULED_ON, LOCATED_IN, OWNS, RELATED_TO.
      Use only what the memory says; return empty lists when it names nothing.
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
  public Extraction extract(ExtractionInput input) {
    String provider = client.settings().providerName();
    String model = client.settings().model();
    String prompt = render(input);
    String promptHash = PromptHash.of(SYSTEM_PROMPT, prompt);
    try {
      ChatResult result = client.complete(SYSTEM_PROMPT, prompt, "graph_extraction", schema);
      Extraction answer = read(result.content());
      return new Extraction(
          answer.entities(),
          answer.relations(),
          new ModelUsage(
              provider,
              model,
              result.tokensIn(),
              result.tokensOut(),
              result.attempts(),
              result.latencyMillis(),
              null,
              promptHash));
    } catch (ChatException e) {
      LOG.warnf(
          "graph.extract.fallback provider=%s model=%s reason=%s", provider, model, e.getMessage());
      Extraction offline = fallback.extract(input);
      return new Extraction(
          offline.entities(),
          offline.relations(),
          new ModelUsage(
              provider,
              model,
              e.tokensIn(),
              e.tokensOut(),
              client.settings().maxRetries() + 1,
              0,
              "builtin: " + e.getMessage(),
              promptHash));
    }
  }

  static String render(ExtractionInput input) {
    StringBuilder text = new StringBuilder();
    if (input.referenceTime() != null) {
      text.append("Reference time: ").append(input.referenceTime()).append('\n');
    }
    if (!input.knownEntities().isEmpty()) {
      text.append("Already named: ").append(String.join(", ", input.knownEntities())).append('\n');
    }
    return text.append("Memory: ").append(input.content()).toString();
  }

  /**
   * The model's answer as an extraction. Whatever it says is data: names, types and relation labels
   * are bounded and mapped later, never trusted as query text.
   */
  static Extraction read(JsonNode answer) {
    List<ExtractedEntity> entities = new ArrayList<>();
    for (JsonNode e : answer.path("entities")) {
      String name = e.path("name").asText("").strip();
      if (!name.isEmpty()) {
        entities.add(
            new ExtractedEntity(
                name,
                EntityType.of(e.path("type").asText(null)),
                e.path("confidence").asDouble(0.5),
                "named by the model"));
      }
    }
    List<ExtractedRelation> relations = new ArrayList<>();
    for (JsonNode r : answer.path("relations")) {
      String source = r.path("source").asText("").strip();
      String target = r.path("target").asText("").strip();
      if (source.isEmpty() || target.isEmpty()) {
        continue;
      }
      relations.add(
          new ExtractedRelation(
              USER.equalsIgnoreCase(source) ? null : source,
              r.path("relation").asText(""),
              target,
              r.path("strength").asDouble(0.5)));
    }
    return new Extraction(entities, relations, null);
  }

  private static JsonNode loadSchema() {
    try (InputStream in =
        OpenAiExtractor.class.getResourceAsStream("/llm/graph-extraction.schema.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
