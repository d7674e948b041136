package io.membank.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Calls {@code POST <base>/chat/completions} of an OpenAI-compatible server with a JSON-schema
 * structured-output request, and returns the parsed JSON answer. Retries 429, 5xx, I/O errors and
 * answers that are not valid JSON, with exponential back-off; 4xx other than 429 fail at once
 * (retrying a bad request or a bad key cannot help).
 *
 * <p>Each call is one client span ({@code chat <model>}, OpenTelemetry GenAI attributes: provider,
 * model, tokens, attempts) when the client is given a tracer.
 */
public class OpenAiChatClient {

  private static final Logger LOG = Logger.getLogger(OpenAiChatClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ChatSettings settings;
  private final HttpClient http;
  private final Duration backoff;
  private final Tracer tracer;

  public OpenAiChatClient(ChatSettings settings) {
    this(settings, Duration.ofMillis(200));
  }

  /** A client whose calls are spans of the given tracer. */
  public OpenAiChatClient(ChatSettings settings, Tracer tracer) {
    this(settings, Duration.ofMillis(200), tracer);
  }

  /** A client with a given first back-off (doubles on each retry). */
  public OpenAiChatClient(ChatSettings settings, Duration firstBackoff) {
    this(settings, firstBackoff, TracerProvider.noop().get("membank-llm"));
  }

  /** A client with a given first back-off whose calls are spans of the given tracer. */
  public OpenAiChatClient(ChatSettings settings, Duration firstBackoff, Tracer tracer) {
    this.settings = settings;
    this.backoff = firstBackoff;
    this.tracer = tracer;
    this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
  }

  public ChatSettings settings() {
    return settings;
  }

  /**
   * Asks for an answer that follows {@code schema}.
   *
   * @param system the instructions
   * @param user the input
   * @param schemaName a short name for the schema (the API requires one)
   * @param schema the JSON Schema the answer must follow
   */
  public ChatResult complete(String system, String user, String schemaName, JsonNode schema) {
    Span span =
        tracer
            .spanBuilder("chat " + settings.model())
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("gen_ai.operation.name", "chat")
            .setAttribute("gen_ai.system", settings.providerName())
            .setAttribute("gen_ai.request.model", settings.model())
            .setAttribute("server.address", settings.baseUrl().getHost())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      ChatResult result = call(system, user, schemaName, schema);
      span.setAttribute("gen_ai.usage.input_tokens", result.tokensIn());
      span.setAttribute("gen_ai.usage.output_tokens", result.tokensOut());
      span.setAttribute("membank.llm.attempts", result.attempts());
      return result;
    } catch (ChatException e) {
      span.setAttribute("gen_ai.usage.input_tokens", e.tokensIn());
      span.setAttribute("gen_ai.usage.output_tokens", e.tokensOut());
      span.setStatus(StatusCode.ERROR, e.getMessage());
      throw e;
    } finally {
      span.end();
    }
  }

  private ChatResult call(String system, String user, String schemaName, JsonNode schema) {
    String body = requestBody(system, user, schemaName, schema);
    URI uri = URI.create(settings.baseUrl().toString().replaceAll("/+$", "") + "/chat/completions");
    long started = System.nanoTime();
    long tokensIn = 0;
    long tokensOut = 0;
    RuntimeException last = null;
    for (int attempt = 1; attempt <= settings.maxRetries() + 1; attempt++) {
      if (attempt > 1) {
        sleep(backoff.multipliedBy(1L << Math.min(attempt - 2, 6)));
      }
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(uri)
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        settings.apiKey().ifPresent(key -> request.header("Authorization", "Bearer " + key));
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status == 429 || status >= 500) {
          last = new IllegalStateException("model server answered " + status);
          LOG.warnf(
              "llm.call.retry provider=%s status=%d attempt=%d",
              settings.providerName(), status, attempt);
          continue;
        }
        if (status >= 400) {
          throw new ChatException(
              "model server refused the request: " + status + " " + abbreviate(response.body()),
              null,
              tokensIn,
              tokensOut);
        }
        JsonNode reply = JSON.readTree(response.body());
        tokensIn += reply.path("usage").path("prompt_tokens").asLong(0);
        tokensOut += reply.path("usage").path("completion_tokens").asLong(0);
        String content = reply.path("choices").path(0).path("message").path("content").asText(null);
        if (content == null) {
          last = new IllegalStateException("answer has no choices[0].message.content");
          continue;
        }
        JsonNode parsed = parseAnswer(content);
        if (parsed == null) {
          last = new IllegalStateException("answer is not valid JSON: " + abbreviate(content));
          LOG.warnf("llm.call.malformed provider=%s attempt=%d", settings.providerName(), attempt);
          continue;
        }
        return new ChatResult(parsed, tokensIn, tokensOut, attempt, millisSince(started));
      } catch (IOException e) {
        last = new IllegalStateException("model server unreachable: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ChatException("interrupted", e, tokensIn, tokensOut);
      }
    }
    throw new ChatException(
        "no usable answer after " + (settings.maxRetries() + 1) + " attempts: " + last.getMessage(),
        last,
        tokensIn,
        tokensOut);
  }

  private String requestBody(String system, String user, String schemaName, JsonNode schema) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", settings.model());
    root.put("temperature", 0);
    ArrayNode messages = root.putArray("messages");
    messages.addObject().put("role", "system").put("content", system);
    messages.addObject().put("role", "user").put("content", user);
    ObjectNode format = root.putObject("response_format");
    format.put("type", "json_schema");
    ObjectNode jsonSchema = format.putObject("json_schema");
    jsonSchema.put("name", schemaName);
    jsonSchema.put("strict", true);
    jsonSchema.set("schema", schema);
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON in the answer; tolerates a Markdown code fence some models wrap it in. */
  static JsonNode parseAnswer(String content) {
    String text = content.strip();
    if (text.startsWith("```")) {
      text = text.replaceFirst("^```[a-zA-Z]*\\s*", "").replaceFirst("\\s*```$", "");
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static String abbreviate(String s) {
    return s == null ? "" : s.length() <= 200 ? s : s.substring(0, 200) + "…";
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
