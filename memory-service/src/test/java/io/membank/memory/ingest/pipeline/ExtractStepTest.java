package io.membank.memory.ingest.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.MemoryType;
import io.membank.memory.decide.MergeStrategy;
import io.membank.memory.extract.BuiltInExtractor;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Extraction;
import io.membank.memory.extract.MessageSource;
import io.membank.memory.ingest.JobInput;
import io.membank.memory.ingest.Turn;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each message reaches the extractor with its own time and speaker (issue 22). */
class ExtractStepTest {

  static final OffsetDateTime MAY_8 = OffsetDateTime.of(2023, 5, 8, 13, 56, 0, 0, ZoneOffset.UTC);
  static final OffsetDateTime JUNE_20 =
      OffsetDateTime.of(2023, 6, 20, 9, 0, 0, 0, ZoneOffset.ofHours(8));

  static JobInput conversation(OffsetDateTime requestTime, Turn... turns) {
    return new JobInput(
        null, null, List.of(turns), null, MergeStrategy.merge, true, requestTime, true, null);
  }

  static Extraction extract(JobInput input) {
    return ExtractStep.perMessage(new BuiltInExtractor(), input);
  }

  @Test
  void relativeDatesResolveAgainstTheTimeOfTheMessageThatSaidThem() {
    Extraction e =
        extract(
            conversation(
                MAY_8,
                new Turn("m1", "user", "I went to the LGBTQ support group yesterday.", MAY_8),
                new Turn("m2", "user", "我上周去了杭州。", JUNE_20)));

    assertThat(e.candidates()).hasSize(2);
    Candidate english = e.candidates().get(0);
    assertThat(english.content()).contains("yesterday (2023-05-07)");
    assertThat(english.occurred().from()).isEqualTo(LocalDate.of(2023, 5, 7));
    assertThat(english.source())
        .isEqualTo(new MessageSource("m1", MAY_8, null, english.source().text()));
    Candidate chinese = e.candidates().get(1);
    // The week before 20 June 2023, not the week before the request's 8 May.
    assertThat(chinese.occurred().from()).isEqualTo(LocalDate.of(2023, 6, 12));
    assertThat(chinese.source().saidAt()).isEqualTo(JUNE_20);
  }

  @Test
  void aMessageWithoutItsOwnTimeTakesTheRequestTime() {
    Extraction e =
        extract(conversation(MAY_8, new Turn("m1", "user", "I adopted a cat last week.", null)));

    assertThat(e.candidates())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.source().saidAt()).isEqualTo(MAY_8);
              assertThat(c.occurred().from()).isEqualTo(LocalDate.of(2023, 5, 1));
            });
  }

  @Test
  void eachSpeakerNamesTheirOwnFactsAndTheAssistantSaysNone() {
    Extraction e =
        extract(
            conversation(
                MAY_8,
                new Turn("c1", "user", "I painted a lake sunrise last year.", MAY_8, "Melanie"),
                new Turn("c2", "user", "I moved to Porto. It's special to me.", MAY_8, "Caroline"),
                new Turn("a1", "assistant", "I live in the cloud.", MAY_8, "Bot"),
                new Turn("u1", "user", "I love sushi.", MAY_8)));

    assertThat(e.candidates())
        .extracting(Candidate::content)
        .containsExactly(
            "Melanie painted a lake sunrise last year (2022).",
            "Caroline moved to Porto. It's special to Caroline.",
            "I love sushi.");
    assertThat(e.candidates())
        .extracting(Candidate::subject)
        .containsExactly("Melanie", "Caroline", null);
    assertThat(e.candidates())
        .extracting(c -> c.source().messageId(), c -> c.source().speaker())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("c1", "Melanie"),
            org.assertj.core.groups.Tuple.tuple("c2", "Caroline"),
            org.assertj.core.groups.Tuple.tuple("u1", null));
    assertThat(e.candidates().get(0).slot()).isNull();
    assertThat(e.candidates().get(1).slot()).isEqualTo("lives_in@caroline");
  }

  @Test
  void aMessageNoFactCameFromIsKeptAsAnEpisodeNamingItsSpeaker() {
    Extraction e =
        extract(
            conversation(
                MAY_8,
                new Turn("c1", "user", "Congrats, that's amazing!", MAY_8, "Melanie"),
                new Turn("c2", "user", "What did you paint?", MAY_8, "Caroline"),
                new Turn("c3", "user", "I moved to Porto.", MAY_8, "Caroline")));

    assertThat(e.candidates())
        .extracting(Candidate::content, Candidate::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "Melanie: Congrats, that's amazing!", MemoryType.EPISODE),
            org.assertj.core.groups.Tuple.tuple(
                "Caroline: What did you paint?", MemoryType.EPISODE),
            org.assertj.core.groups.Tuple.tuple(
                "Caroline moved to Porto.", MemoryType.PERSONAL_INFO));
    assertThat(e.candidates().get(0).source().messageId()).isEqualTo("c1");
    assertThat(e.candidates().get(0).source().text()).isEqualTo("Congrats, that's amazing!");
  }

  @Test
  void theModelPathReadsNamedSpeakersAsPrefixesAndTheRequestTime() {
    var exchange =
        ExtractStep.exchangeOf(
            conversation(
                null,
                new Turn("c1", "user", "I moved to Porto.", MAY_8, "Caroline"),
                new Turn("a1", "assistant", "Nice.", MAY_8)));

    assertThat(exchange.userText()).isEqualTo("Caroline: I moved to Porto.\n");
    assertThat(exchange.saidAt()).isEqualTo(MAY_8);
  }

  @Test
  void occurredAtIsTheResolvedDayElseWhenItWasSaid() {
    Candidate dated =
        extract(conversation(JUNE_20, new Turn("m", "user", "我昨天去了上海。", null))).candidates().get(0);
    assertThat(ApplyStep.occurredAt(dated, JUNE_20))
        .isEqualTo(OffsetDateTime.of(2023, 6, 19, 0, 0, 0, 0, ZoneOffset.ofHours(8)));
    Candidate undated =
        extract(conversation(JUNE_20, new Turn("m", "user", "I live in Lyon.", null)))
            .candidates()
            .get(0);
    assertThat(ApplyStep.occurredAt(undated, JUNE_20)).isEqualTo(JUNE_20);
  }
}
