package io.membank.contracts.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilterParserTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static FilterNode parse(String json) throws Exception {
    JsonNode node = JSON.readTree(json.replace('\'', '"'));
    return FilterParser.parse(node, "filters");
  }

  private static String refusedAt(String json) {
    try {
      parse(json);
    } catch (FilterException e) {
      return e.path();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("accepted " + json);
  }

  @Test
  void operatorsOnOneFieldAllHold() throws Exception {
    FilterNode node = parse("{'created_at': {'gte': '2026-01-01T00:00:00Z', 'lt': '2026-02-01'}}");
    assertThat(node)
        .isEqualTo(
            new FilterNode.All(
                List.of(
                    new FilterNode.Condition(
                        FilterField.CREATED_AT,
                        List.of(),
                        FilterOperator.GTE,
                        List.of(Instant.parse("2026-01-01T00:00:00Z"))),
                    new FilterNode.Condition(
                        FilterField.CREATED_AT,
                        List.of(),
                        FilterOperator.LT,
                        List.of(Instant.parse("2026-02-01T00:00:00Z"))))));
  }

  @Test
  void aListMeansAnyOfItAndCategoriesIsType() throws Exception {
    assertThat(parse("{'categories': ['plan', 'event']}"))
        .isEqualTo(
            new FilterNode.Condition(
                FilterField.TYPE, List.of(), FilterOperator.IN, List.of("plan", "event")));
  }

  @Test
  void metadataPathsSplitOnDotsButLegacyKeysStayWhole() throws Exception {
    assertThat(parse("{'metadata.trip.city': {'icontains': 'par'}}"))
        .isEqualTo(
            new FilterNode.Condition(
                FilterField.METADATA,
                List.of("trip", "city"),
                FilterOperator.ICONTAINS,
                List.of("par")));
    assertThat(parse("{'metadata': {'a.b': 3}}"))
        .isEqualTo(
            new FilterNode.Condition(
                FilterField.METADATA,
                List.of("a.b"),
                FilterOperator.EQ,
                List.of(new BigDecimal("3"))));
  }

  @Test
  void booleanTreesNest() throws Exception {
    FilterNode node = parse("{'OR': [{'importance': {'gte': 0.8}}, {'NOT': {'type': 'plan'}}]}");
    assertThat(node).isInstanceOf(FilterNode.Any.class);
    assertThat(((FilterNode.Any) node).nodes().get(1)).isInstanceOf(FilterNode.Not.class);
  }

  @Test
  void earlierShapesStillParse() throws Exception {
    FilterNode node =
        parse(
            "{'date_range': {'start': '2026-01-01T00:00:00Z'}, 'importance': {'min': 0.2,"
                + " 'max': 0.9}, 'agent_id': 'a1'}");
    assertThat(((FilterNode.All) node).nodes()).hasSize(4);
  }

  @Test
  void refusalsNameTheOffendingPart() {
    assertThat(refusedAt("{'AND': [{'type': 'plan'}, {'importance': {'gtee': 0.5}}]}"))
        .isEqualTo("filters.AND[1].importance.gtee");
    assertThat(refusedAt("{'colour': 'red'}")).isEqualTo("filters.colour");
    assertThat(refusedAt("{'created_at': {'gte': 'yesterday'}}"))
        .isEqualTo("filters.created_at.gte");
    assertThat(refusedAt("{'importance': {'contains': 'x'}}"))
        .isEqualTo("filters.importance.contains");
    assertThat(refusedAt("{'type': {'in': []}}")).isEqualTo("filters.type.in");
    assertThat(refusedAt("{'metadata.a..b': 1}")).isEqualTo("filters.metadata.a..b");
    assertThat(refusedAt("{'metadata.n': {'gt': 'x'}}")).isEqualTo("filters.metadata.n.gt");
    assertThat(refusedAt("{'created_at': ['2026-01-01']}")).isEqualTo("filters.created_at");
    assertThat(refusedAt("{'NOT': {'NOT': {'NOT': {'NOT': {'NOT': {'type': 'x'}}}}}}"))
        .isEqualTo("filters.NOT.NOT.NOT.NOT.NOT");
    assertThat(refusedAt("[1]")).isEqualTo("filters");
    assertThat(refusedAt("{'type': ['plan', 'plann']}")).isEqualTo("filters.type[1]");
  }

  @Test
  void nothingIsNoCondition() throws Exception {
    assertThat(FilterParser.parse(null, "filters").isEmpty()).isTrue();
    assertThat(parse("{}").isEmpty()).isTrue();
  }

  @Test
  void unknownOperatorErrorsListTheAllowedOnes() {
    assertThatThrownBy(() -> parse("{'importance': {'gtee': 1}}"))
        .hasMessageContaining("gte")
        .hasMessageContaining("unknown operator");
  }
}
