package io.membank.search;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A toy embedding model for the WireMock stand-in: a text's vector marks the topics its words
 * belong to (one axis per topic, in English and Chinese alike) plus a constant axis, so two texts
 * about the same topic are close whatever their words or language, and texts about nothing shared
 * are far apart. Answers {@code POST /v1/embeddings} {@code {model, input: [...]}} with {@code
 * {object: list, data: [{object: embedding, index, embedding}], model, usage}}; the stub's
 * transformer parameter {@code dimension} sets the length (default {@link #DIMENSION}).
 */
public class WordVectors implements ResponseDefinitionTransformerV2 {

  /** The vector length the stand-in's model has. */
  static final int DIMENSION = 8;

  /** Topic axes and the words (or, for Chinese, the characters) that point along them. */
  static final List<List<String>> TOPICS =
      List.of(
          List.of("dog", "dogs", "cat", "pet", "pets", "puppy", "animal", "狗", "猫", "宠物"),
          List.of("work", "job", "engineer", "employer", "office", "工作"),
          List.of("surfing", "surf", "waves", "ocean", "beach", "冲浪"),
          List.of("live", "city", "shanghai", "home", "上海", "住"),
          List.of("cello", "harp", "xylophone", "trombone", "oboe", "music", "instrument", "音乐"),
          List.of("tea", "coffee", "drink", "茶"));

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String getName() {
    return "word-vectors";
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    try {
      JsonNode request = JSON.readTree(event.getRequest().getBodyAsString());
      int dimension =
          event.getTransformerParameters() != null
                  && event.getTransformerParameters().containsKey("dimension")
              ? Integer.parseInt(String.valueOf(event.getTransformerParameters().get("dimension")))
              : DIMENSION;
      ObjectNode answer = JSON.createObjectNode();
      answer.put("object", "list");
      ArrayNode data = answer.putArray("data");
      int i = 0;
      int tokens = 0;
      for (JsonNode input : request.get("input")) {
        ObjectNode item = data.addObject();
        item.put("object", "embedding");
        item.put("index", i++);
        ArrayNode values = item.putArray("embedding");
        for (float v : vector(input.asText(), dimension)) {
          values.add(v);
        }
        tokens += input.asText().split("\\s+").length;
      }
      answer.put("model", request.path("model").asText());
      answer.set(
          "usage", JSON.valueToTree(Map.of("prompt_tokens", tokens, "total_tokens", tokens)));
      // like(): keeps what the stub says besides the body (a delay, for the timeout tests)
      return ResponseDefinitionBuilder.like(event.getResponseDefinition())
          .withStatus(200)
          .withHeader("Content-Type", "application/json")
          .withBody(JSON.writeValueAsString(answer))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The toy model: topic axes first, the constant axis last; unit length. */
  static float[] vector(String text, int dimension) {
    float[] v = new float[dimension];
    String lower = text.toLowerCase(Locale.ROOT);
    List<String> words = List.of(lower.split("[^\\p{L}]+"));
    for (int t = 0; t < TOPICS.size() && t < dimension - 1; t++) {
      for (String cue : TOPICS.get(t)) {
        boolean chinese = cue.codePoints().anyMatch(c -> Character.isIdeographic(c));
        if (chinese ? lower.contains(cue) : words.contains(cue)) {
          v[t] = 1;
        }
      }
    }
    v[dimension - 1] = 0.3f;
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    for (int k = 0; k < dimension; k++) {
      v[k] /= (float) Math.sqrt(norm);
    }
    return v;
  }
}
