package io.membank.memory.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.filter.FilterParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter tree as SQL: the caller's values are parameters, never SQL text. */
class FilterSqlTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void valuesAndMetadataPathsAreBoundNeverConcatenated() throws Exception {
    String evil = "x') or 1=1 --";
    var tree =
        FilterParser.parse(
            JSON.readTree(
                "{\"content\": {\"icontains\": \""
                    + evil
                    + "\"}, \"metadata.a-b\": {\"in\": [\""
                    + evil
                    + "\", 3]}, \"NOT\": {\"agent_id\": \""
                    + evil
                    + "\"}}"),
            "filters");
    List<Object> params = new ArrayList<>(List.of("tenant", "user"));
    String sql = new FilterSql(params).where(tree);

    assertThat(sql).doesNotContain("or 1=1").doesNotContain("a-b");
    assertThat(params).contains(evil, "a-b").hasSizeGreaterThan(5);
    // Numbered after the parameters the query already had.
    assertThat(sql).contains("?3").doesNotContain("?1)").doesNotContain("?2)");
  }

  @Test
  void noFilterIsTrue() {
    assertThat(new FilterSql(new ArrayList<>()).where(io.membank.contracts.filter.FilterNode.NONE))
        .isEqualTo("true");
  }
}
