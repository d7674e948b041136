package io.membank.graph.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelationTypeTest {

  @Test
  void labelsMapOntoTheAllowList() {
    assertThat(RelationType.fromLabel("works at")).isEqualTo(RelationType.WORKS_AT);
    assertThat(RelationType.fromLabel("WORKS_AT")).isEqualTo(RelationType.WORKS_AT);
    assertThat(RelationType.fromLabel("lives-in")).isEqualTo(RelationType.LIVES_IN);
    assertThat(RelationType.fromLabel("friend")).isEqualTo(RelationType.KNOWS);
    assertThat(RelationType.fromLabel("participates in")).isEqualTo(RelationType.PARTICIPATES_IN);
    assertThat(RelationType.fromLabel("likes")).isEqualTo(RelationType.PREFERS);
  }

  @Test
  void anythingElseIsRelatedTo() {
    assertThat(RelationType.fromLabel("sells")).isEqualTo(RelationType.RELATED_TO);
    assertThat(RelationType.fromLabel("X]->() DETACH DELETE n //"))
        .isEqualTo(RelationType.RELATED_TO);
    assertThat(RelationType.fromLabel(null)).isEqualTo(RelationType.RELATED_TO);
  }

  @Test
  void thePatternOfAllTypesIsMadeOfIdentifiersOnly() {
    assertThat(RelationType.cypherAlternatives()).matches("[A-Z_]+(\\|[A-Z_]+)*");
    assertThat(RelationType.cypherAlternatives()).contains("PREFERS|").endsWith("RELATED_TO");
  }
}
