package io.membank.testkit.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an OpenAPI document leaves undocumented, so that SDK generators and response validators can
 * rely on it: every /api/ operation declares a success response (2xx) whose body has a schema (204
 * has none), every error response is problem+json with the shared {@code Problem} schema, and every
 * property of every schema has a description.
 */
public final class OpenApiCompleteness {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final String PROBLEM_REF = "#/components/schemas/Problem";

  private OpenApiCompleteness() {}

  /** One line per gap, e.g. {@code GET /api/v1/x: no success response}; empty when complete. */
  public static List<String> gaps(JsonNode document) {
    List<String> gaps = new ArrayList<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (METHODS.contains(op.getKey())) {
          operationGaps(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue(), gaps);
        }
      }
    }
    for (Map.Entry<String, JsonNode> schema :
        document.path("components").path("schemas").properties()) {
      schemaGaps("schema " + schema.getKey(), schema.getValue(), gaps);
    }
    return gaps;
  }

  private static void operationGaps(String name, JsonNode op, List<String> gaps) {
    boolean success = false;
    for (Map.Entry<String, JsonNode> r : op.path("responses").properties()) {
      String code = r.getKey();
      JsonNode content = r.getValue().path("content");
      if (code.startsWith("2")) {
        success = true;
        if (!code.equals("204") && !hasSchemas(content)) {
          gaps.add(name + ": response " + code + " has no body schema");
        }
      } else if (code.startsWith("4") || code.startsWith("5")) {
        if (!PROBLEM_REF.equals(
            content.path("application/problem+json").path("schema").path("$ref").asText())) {
          gaps.add(name + ": error " + code + " is not problem+json with the Problem schema");
        }
      }
      for (Map.Entry<String, JsonNode> media : content.properties()) {
        schemaGaps(name + " response " + code, media.getValue().path("schema"), gaps);
      }
    }
    if (!success) {
      gaps.add(name + ": no success (2xx) response");
    }
    for (Map.Entry<String, JsonNode> media : op.path("requestBody").path("content").properties()) {
      schemaGaps(name + " request body", media.getValue().path("schema"), gaps);
    }
  }

  private static boolean hasSchemas(JsonNode content) {
    if (content.isEmpty()) {
      return false;
    }
    for (JsonNode media : content) {
      if (media.path("schema").isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Every property (of this schema and of the schemas inside it) has a description, and every text,
   * number or boolean property an example (what the generated SDKs and the API reference show).
   */
  private static void schemaGaps(String where, JsonNode schema, List<String> gaps) {
    if (!schema.isObject()) {
      return;
    }
    for (Map.Entry<String, JsonNode> p : schema.path("properties").properties()) {
      if (!p.getValue().hasNonNull("description")) {
        gaps.add(where + ": property " + p.getKey() + " has no description");
      }
      if (scalar(p.getValue()) && !p.getValue().has("example") && !p.getValue().has("examples")) {
        gaps.add(where + ": property " + p.getKey() + " has no example");
      }
      schemaGaps(where + "." + p.getKey(), p.getValue(), gaps);
    }
    schemaGaps(where + "[]", schema.path("items"), gaps);
    schemaGaps(where + "{}", schema.path("additionalProperties"), gaps);
    for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
      for (JsonNode part : schema.path(combinator)) {
        schemaGaps(where, part, gaps);
      }
    }
  }

  /** A text, number or boolean schema (possibly nullable) that is not a reference or an enum. */
  private static boolean scalar(JsonNode schema) {
    if (schema.has("$ref") || schema.has("enum")) {
      return false;
    }
    JsonNode type = schema.path("type");
    List<String> types = new ArrayList<>();
    if (type.isTextual()) {
      types.add(type.asText());
    }
    type.forEach(t -> types.add(t.asText()));
    types.remove("null");
    return !types.isEmpty() && List.of("string", "integer", "number", "boolean").containsAll(types);
  }
}
