package io.membank.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInExtractorTest {

  private final BuiltInExtractor extractor = new BuiltInExtractor();

  private List<Candidate> extract(String userText) {
    return extractor.extract(new Exchange(userText, null, List.of(), null)).candidates();
  }

  @Test
  void keepsFirstPersonFactsAndDropsSmallTalkAndQuestions() {
    List<Candidate> facts =
        extract("Hi! Thanks. I love hiking in the Alps. What's the weather like? The sky is blue.");

    assertThat(facts).extracting(Candidate::content).containsExactly("I love hiking in the Alps.");
    assertThat(facts.get(0).type()).isEqualTo("preference");
    assertThat(facts.get(0).slot()).isEqualTo("likes:hiking in the alps");
    assertThat(facts.get(0).slotValue()).isEqualTo("yes");
    assertThat(facts.get(0).entities()).contains("Alps");
  }

  @Test
  void tagsPersonalInfoWithSlotsAndValues() {
    List<Candidate> facts =
        extract("My name is Ada Lovelace. I live in London. I work at Babbage & Co.");

    assertThat(facts)
        .extracting(Candidate::slot, Candidate::slotValue, Candidate::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("name", "ada lovelace", "personal_info"),
            org.assertj.core.groups.Tuple.tuple("lives_in", "london", "personal_info"),
            org.assertj.core.groups.Tuple.tuple("works_at", "babbage & co", "personal_info"));
  }

  @Test
  void twoFirstPersonClausesAreTwoFactsAndTimePhrasesAreNotPartOfTheValue() {
    List<Candidate> facts =
        extract("I live in Shanghai and I work at Acme Robotics. I moved to Oslo last month.");

    assertThat(facts)
        .extracting(Candidate::content)
        .containsExactly(
            "I live in Shanghai", "I work at Acme Robotics.", "I moved to Oslo last month.");
    assertThat(facts)
        .extracting(Candidate::slotValue)
        .containsExactly("shanghai", "acme robotics", "oslo");
  }

  @Test
  void negationGivesTheSameSlotAnotherValue() {
    Candidate likes = extract("I like coffee.").get(0);
    Candidate dislikes = extract("I don't like coffee anymore.").get(0);

    assertThat(dislikes.slot()).isEqualTo(likes.slot()).isEqualTo("likes:coffee");
    assertThat(likes.slotValue()).isEqualTo("yes");
    assertThat(dislikes.slotValue()).isEqualTo("no");
  }

  @Test
  void chineseInChineseOut() {
    List<Candidate> facts = extract("你好！我住在上海。我喜欢喝绿茶。今天天气怎么样？");

    assertThat(facts).extracting(Candidate::content).containsExactly("我住在上海。", "我喜欢喝绿茶。");
    assertThat(facts.get(0).slot()).isEqualTo("lives_in");
    assertThat(facts.get(0).slotValue()).isEqualTo("上海");
    assertThat(facts.get(1).type()).isEqualTo("preference");
    assertThat(facts.get(1).entities()).containsExactly("绿茶");
  }

  @Test
  void healthFactsAreMostImportant() {
    Candidate allergy = extract("I am allergic to peanuts.").get(0);
    Candidate plain = extract("I have two bikes.").get(0);

    assertThat(allergy.type()).isEqualTo("health");
    assertThat(allergy.importance()).isGreaterThan(plain.importance());
  }

  @Test
  void nothingFromPureSmallTalkOrEmptyText() {
    assertThat(extract("ok. thanks! 谢谢。好的")).isEmpty();
    assertThat(extract("   ")).isEmpty();
    assertThat(extractor.extract(new Exchange(null, "hello", List.of(), null)).candidates())
        .isEmpty();
  }
}
