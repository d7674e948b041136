package io.membank.governance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.governance.catalog.domain.Classification;
import io.membank.governance.catalog.domain.Classifier;
import io.membank.governance.catalog.domain.Classifier.FieldSample;
import io.membank.privacy.detect.DataType;
import io.membank.privacy.detect.Scanner;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proposals from sampled values: the strictest confidently found class, evidence as counts. */
class ClassifierTest {

  private final Classifier classifier = new Classifier(Scanner.defaults(), 0.8);

  @Test
  void emails_make_a_field_confidential_and_cards_make_it_restricted() {
    Classifier.Evidence evidence =
        classifier.classify(
            List.of(
                new FieldSample(
                    "contact",
                    Arrays.asList("write to ana@example.com", null, "call me", "bo@example.org")),
                new FieldSample("note", List.of("paid with 4111 1111 1111 1111 yesterday")),
                new FieldSample("status", List.of("queued", "completed"))));

    assertThat(evidence.proposed()).isEqualTo(Classification.RESTRICTED);
    assertThat(evidence.sampledValues()).isEqualTo(7);
    Classifier.FieldEvidence contact = evidence.fields().get(0);
    assertThat(contact.sampled()).isEqualTo(4);
    assertThat(contact.nonNull()).isEqualTo(3);
    assertThat(contact.valuesWithFindings()).isEqualTo(2);
    assertThat(contact.types())
        .containsExactly(
            new Classifier.TypeCount(DataType.EMAIL, DataType.EMAIL.dataClass(), 2, 2));
    assertThat(contact.proposed()).isEqualTo(Classification.CONFIDENTIAL);
    assertThat(evidence.fields().get(1).proposed()).isEqualTo(Classification.RESTRICTED);
    assertThat(evidence.fields().get(2).proposed()).isEqualTo(Classification.INTERNAL);
    assertThat(evidence.fields().get(2).types()).isEmpty();
  }

  @Test
  void the_evidence_never_holds_a_sampled_value() {
    Classifier.Evidence evidence =
        classifier.classify(List.of(new FieldSample("f", List.of("ana@example.com 13812345678"))));

    assertThat(evidence.toString()).doesNotContain("ana@example.com").doesNotContain("13812345678");
  }

  @Test
  void low_confidence_cues_are_counted_but_do_not_raise_the_proposal() {
    Classifier strict = new Classifier(Scanner.defaults(), 0.99);

    Classifier.Evidence evidence =
        strict.classify(List.of(new FieldSample("f", List.of("call +1 415 555 0132 today"))));

    assertThat(evidence.fields().get(0).types())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.type()).isEqualTo(DataType.PHONE);
              assertThat(t.count()).isEqualTo(1);
              assertThat(t.confident()).isZero();
            });
    assertThat(evidence.proposed()).isEqualTo(Classification.INTERNAL);
  }
}
