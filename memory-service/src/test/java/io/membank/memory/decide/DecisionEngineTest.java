package io.membank.memory.decide;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.memory.extract.BuiltInExtractor;
import io.membank.memory.extract.Candidate;
import io.membank.memory.extract.Exchange;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DecisionEngineTest {

  private final DecisionEngine engine = new DecisionEngine(0.6);
  private final BuiltInExtractor extractor = new BuiltInExtractor();

  private List<Candidate> facts(String text) {
    return extractor.extract(new Exchange(text, null, List.of(), null)).candidates();
  }

  private Known known(String text) {
    Candidate c = facts(text).get(0);
    return new Known(
        UUID.randomUUID(), DecisionEngine.normalize(c.content()), c.slot(), c.slotValue());
  }

  @Test
  void newFactIsAddedWithAFreshId() {
    List<Decision> decisions =
        engine.decide(facts("I live in Paris."), List.of(), MergeStrategy.merge, true);

    assertThat(decisions)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.event()).isEqualTo(Decision.Event.ADD);
              assertThat(d.targetId()).isNotNull();
            });
  }

  @Test
  void normalizedDuplicateIsANoop() {
    Known paris = known("I live in Paris.");

    List<Decision> decisions =
        engine.decide(facts("i live in PARIS!"), List.of(paris), MergeStrategy.merge, true);

    assertThat(decisions)
        .extracting(Decision::event, Decision::targetId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(Decision.Event.NOOP, paris.id()));
  }

  @Test
  void contradictionClosesTheOldMemoryAndAddsTheNewOne() {
    Known paris = known("I live in Paris.");

    List<Decision> decisions =
        engine.decide(facts("I moved to Berlin."), List.of(paris), MergeStrategy.merge, true);

    assertThat(decisions)
        .extracting(Decision::event)
        .containsExactly(Decision.Event.INVALIDATE, Decision.Event.ADD);
    assertThat(decisions.get(0).targetId()).isEqualTo(paris.id());
  }

  @Test
  void negatedPreferenceContradictsThePreference() {
    Known coffee = known("I like coffee.");

    List<Decision> decisions =
        engine.decide(
            facts("I don't like coffee anymore."), List.of(coffee), MergeStrategy.merge, true);

    assertThat(decisions)
        .extracting(Decision::event)
        .containsExactly(Decision.Event.INVALIDATE, Decision.Event.ADD);
  }

  @Test
  void restatedPreferenceIsMergedUnlessTheStrategySaysOtherwise() {
    Known tea = known("I like green tea.");
    List<Candidate> restated = facts("I really like green tea.");

    assertThat(engine.decide(restated, List.of(tea), MergeStrategy.merge, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.UPDATE);
    assertThat(engine.decide(restated, List.of(tea), MergeStrategy.skip, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.NOOP);
    assertThat(engine.decide(restated, List.of(tea), MergeStrategy.replace, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.INVALIDATE, Decision.Event.ADD);
  }

  @Test
  void factsOfOneJobSeeEachOther() {
    List<Decision> decisions =
        engine.decide(
            facts("I live in Rome. I live in Rome! I moved to Oslo."),
            List.of(),
            MergeStrategy.merge,
            true);

    assertThat(decisions)
        .extracting(Decision::event)
        .containsExactly(
            Decision.Event.ADD, Decision.Event.NOOP, Decision.Event.INVALIDATE, Decision.Event.ADD);
    assertThat(decisions.get(1).targetId()).isEqualTo(decisions.get(0).targetId());
    assertThat(decisions.get(2).targetId()).isEqualTo(decisions.get(0).targetId());
  }

  @Test
  void chineseSimilarityUsesCharacterBigrams() {
    assertThat(
            DecisionEngine.similarity(
                DecisionEngine.normalize("我喜欢喝绿茶"), DecisionEngine.normalize("我很喜欢喝绿茶")))
        .isGreaterThan(0.6);
    assertThat(
            DecisionEngine.similarity(
                DecisionEngine.normalize("我喜欢喝绿茶"), DecisionEngine.normalize("我住在上海")))
        .isLessThan(0.2);
  }

  @Test
  void oneHundredTwentyTownsOfOneShapeStayOneHundredTwentyMemories() {
    List<Known> current = new java.util.ArrayList<>();
    for (int n = 0; n < 120; n++) {
      List<Decision> decisions =
          engine.decide(
              facts("I visited city number " + n + " of my grand tour, called Town" + n + "."),
              current,
              MergeStrategy.merge,
              true);
      assertThat(decisions).extracting(Decision::event).containsExactly(Decision.Event.ADD);
      Decision d = decisions.get(0);
      current.add(
          new Known(
              d.targetId(),
              DecisionEngine.normalize(d.candidate().content()),
              d.candidate().slot(),
              d.candidate().slotValue()));
    }
    assertThat(current).hasSize(120);
  }

  @Test
  void anotherSpeakerNeverReplacesTheUsersStatement() {
    Known mine = known("I live in Porto.");
    Known mayas = known("Maya: I love sushi.");

    assertThat(
            engine.decide(
                facts("Tom: I moved to Lisbon."), List.of(mine), MergeStrategy.merge, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.ADD);
    assertThat(
            engine.decide(facts("Tom: I love sushi."), List.of(mayas), MergeStrategy.merge, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.ADD);
    // The same speaker's new city does replace the old one.
    assertThat(
            engine.decide(
                facts("Maya: I moved to Lisbon."),
                List.of(known("Maya: I live in Porto.")),
                MergeStrategy.merge,
                true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.INVALIDATE, Decision.Event.ADD);
  }

  @Test
  void lookAlikeFactsWithAnotherObjectAreDistinctAndRewordingsMerge() {
    Known kyoto = known("I visited Kyoto last year.");
    Known cats = known("I have 3 cats.");
    Known pizza = known("我去年去过桂林。");

    assertThat(
            engine.decide(
                facts("I visited Osaka last year."), List.of(kyoto), MergeStrategy.merge, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.ADD);
    assertThat(engine.decide(facts("I have 4 cats."), List.of(cats), MergeStrategy.merge, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.ADD);
    assertThat(engine.decide(facts("我去年去过三亚。"), List.of(pizza), MergeStrategy.merge, true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.ADD);
    assertThat(
            engine.decide(
                facts("I really visited Kyoto last year."),
                List.of(kyoto),
                MergeStrategy.merge,
                true))
        .extracting(Decision::event)
        .containsExactly(Decision.Event.UPDATE);
  }
}
