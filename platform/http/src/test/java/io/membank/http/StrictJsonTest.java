package io.membank.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The strict reader and the problems it leads to, without a server. */
class StrictJsonTest {

  record Body(
      String userId,
      Integer limit,
      OffsetDateTime asOf,
      Map<String, Object> metadata,
      JsonNode raw) {}

  private static final ObjectMapper STRICT =
      StrictJson.reader(
          JsonMapper.builder()
              .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
              .addModule(new JavaTimeModule())
              .build(),
          64,
          true);

  private static Problem problem(String json) {
    JsonProcessingException e =
        catchThrowableOfType(
            JsonProcessingException.class, () -> STRICT.readValue(json, Body.class));
    assertThat(e).as("refused: " + json).isNotNull();
    Problem problem = JsonProblems.of(e, 64);
    assertThat(problem.status()).isEqualTo(400);
    assertThat(problem.detail()).doesNotContain("java.", "io.membank", "class ", "StreamRead");
    return problem;
  }

  private static String field(Problem problem) {
    return problem.errors().isEmpty() ? null : problem.errors().getFirst().field();
  }

  @Test
  void aWellFormedBodyReads() throws Exception {
    Body body =
        STRICT.readValue(
            "{\"user_id\":\"u\",\"limit\":3,\"as_of\":\"2026-11-25T12:00:00Z\","
                + "\"metadata\":{\"k\":[\"v\",{\"x\":\"\uD83D\uDE00\"}]},\"raw\":{\"a\":[1]}}",
            Body.class);
    assertThat(body.userId()).isEqualTo("u");
    assertThat(body.metadata()).containsEntry("k", List.of("v", Map.of("x", "\uD83D\uDE00")));
  }

  @Test
  void unknownFieldNamesTheAllowedOnes() {
    Problem p = problem("{\"user_id\":\"u\",\"messages\":[]}");
    assertThat(field(p)).isEqualTo("messages");
    assertThat(p.detail()).contains("as_of, limit, metadata, raw, user_id");
  }

  @Test
  void wrongTypesNameTheJsonTypeExpected() {
    assertThat(problem("{\"user_id\":42}").errors().getFirst().message())
        .isEqualTo("must be a string");
    assertThat(problem("{\"limit\":\"ten\"}").errors().getFirst().message())
        .startsWith("must be an integer");
    assertThat(problem("{\"metadata\":[1]}").errors().getFirst().message())
        .isEqualTo("must be an object");
  }

  @Test
  void nulAndLoneSurrogatesAreRefusedWherever() {
    assertThat(field(problem("{\"user_id\":\"a\\u0000\"}"))).isEqualTo("user_id");
    assertThat(problem("{\"metadata\":{\"k\\u0000\":1}}").detail()).contains("NUL");
    Problem deep = problem("{\"metadata\":{\"k\":{\"deep\":[\"a\\u0000\"]}}}");
    assertThat(field(deep)).isEqualTo("metadata.k");
    assertThat(deep.detail()).contains("NUL");
    assertThat(problem("{\"raw\":{\"x\":[\"\\u0000\"]}}").detail()).contains("NUL");
    assertThat(problem("{\"metadata\":{\"\\ud800\":1}}").detail()).contains("surrogate");
  }

  @Test
  void datesOutsideYears1To9999AreRefused() {
    Problem p = problem("{\"as_of\":\"+999999999-12-31T23:59:59Z\"}");
    assertThat(field(p)).isEqualTo("as_of");
    assertThat(p.detail()).contains("0001 and 9999");
  }

  @Test
  void deepNestingIsRefusedWhileParsing() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThat(problem("{\"metadata\":{\"k\":" + deep + "}}").detail())
        .contains("deeper than 64 levels");
    assertThat(problem("{\"raw\":" + deep + "}").detail()).contains("deeper than 64 levels");
  }

  @Test
  void syntaxErrorsSayWhere() {
    assertThat(problem("{\"user_id\":").detail()).startsWith("The body is not valid JSON");
  }
}
