package io.membank.governance.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.governance.catalog.domain.Catalog;
import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.DescriptorReader;
import io.membank.governance.catalog.domain.InvalidCatalogException;
import io.membank.governance.catalog.domain.ServiceDescriptor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The descriptors are read strictly and must make a consistent catalog. */
class CatalogDescriptorsTest {

  private static ServiceDescriptor read(String yaml) {
    return DescriptorReader.read(
        "test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
  }

  private static final String TABLE =
      """
      service: demo-service
      datasets:
        - kind: postgres_table
          store: membank_demo
          name: people
          classification: %s
          tenant_field: tenant_id
          fields:
            - {name: tenant_id, type: text}
            - {name: email, type: text, contains: [%s]}
      flows:
        - name: api
          from: []
          to: [%s]
      """;

  @Test
  void the_checked_in_descriptors_make_a_consistent_catalog() {
    Catalog catalog = RepositoryTree.catalog();

    assertThat(catalog.datasets())
        .containsKeys(
            "postgres:membank_memory.memories",
            "kafka:memory.events",
            "lucene:memories",
            "neo4j-label:Entity",
            "neo4j-rel:MENTIONS",
            "redis:memory-rate-limits");
    assertThat(
            catalog
                .dataset("postgres:membank_governance.token_vault")
                .orElseThrow()
                .dataset()
                .classification())
        .isEqualTo(Classification.RESTRICTED);
    assertThat(catalog.dataset("postgres:membank_memory.memories").orElseThrow().owner())
        .isEqualTo("memory-service");
  }

  @Test
  void a_descriptor_entry_reads_into_its_dataset_with_the_classification_its_fields_require() {
    Catalog catalog =
        Catalog.of(
            List.of(read(TABLE.formatted("confidential", "PII", "postgres:membank_demo.people"))));

    var people = catalog.dataset("postgres:membank_demo.people").orElseThrow().dataset();
    assertThat(people.requiredByFields()).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(people.field("email").orElseThrow().effectiveClassification())
        .isEqualTo(Classification.CONFIDENTIAL);
    assertThat(catalog.flows())
        .singleElement()
        .satisfies(f -> assertThat(f.service()).isEqualTo("demo-service"));
  }

  @Test
  void a_dataset_classified_below_what_its_fields_require_is_refused() {
    assertThatThrownBy(
            () ->
                Catalog.of(
                    List.of(
                        read(
                            TABLE.formatted(
                                "confidential", "FINANCIAL", "postgres:membank_demo.people")))))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("classified confidential but its fields require restricted");
  }

  @Test
  void a_flow_naming_an_unknown_dataset_is_refused() {
    assertThatThrownBy(
            () ->
                Catalog.of(List.of(read(TABLE.formatted("confidential", "PII", "kafka:nowhere")))))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("names unknown dataset kafka:nowhere");
  }

  @Test
  void unknown_keys_kinds_and_classifications_are_errors_not_ignored() {
    assertThatThrownBy(() -> read(TABLE.formatted("secretish", "PII", "x")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("secretish");
    assertThatThrownBy(
            () -> read(TABLE.formatted("internal", "PII", "x").replace("store:", "stor:")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("stor");
    assertThatThrownBy(
            () ->
                read(
                    TABLE
                        .formatted("internal", "PII", "x")
                        .replace("postgres_table", "mysql_table")))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("mysql_table");
  }

  @Test
  void the_same_dataset_declared_by_two_services_is_refused() {
    String yaml = TABLE.formatted("confidential", "PII", "postgres:membank_demo.people");
    assertThatThrownBy(
            () ->
                Catalog.of(
                    List.of(read(yaml), read(yaml.replace("demo-service", "other-service")))))
        .isInstanceOf(InvalidCatalogException.class)
        .hasMessageContaining("is declared by demo-service and by other-service");
  }
}
