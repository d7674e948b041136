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
}
