package io.membank.cost.usage.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsageCsvTest {

  @Test
  void quotesSeparatorsAndNeutralisesSpreadsheetFormulas() {
    assertThat(UsageCsv.cell("gpt-4o")).isEqualTo("gpt-4o");
    assertThat(UsageCsv.cell("a,b")).isEqualTo("\"a,b\"");
    assertThat(UsageCsv.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
    assertThat(UsageCsv.cell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
    assertThat(UsageCsv.cell("-0.5")).isEqualTo("-0.5");
  }
}
