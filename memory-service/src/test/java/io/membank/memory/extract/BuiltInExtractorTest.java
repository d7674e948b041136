package io.membank.memory.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.MemoryType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
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
    assertThat(facts.get(0).type()).isEqualTo(MemoryType.PREFERENCE);
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
            org.assertj.core.groups.Tuple.tuple("name", "ada lovelace", MemoryType.PERSONAL_INFO),
            org.assertj.core.groups.Tuple.tuple("lives_in", "london", MemoryType.PERSONAL_INFO),
            org.assertj.core.groups.Tuple.tuple(
                "works_at", "babbage & co", MemoryType.PERSONAL_INFO));
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
    assertThat(facts.get(1).type()).isEqualTo(MemoryType.PREFERENCE);
    assertThat(facts.get(1).entities()).containsExactly("绿茶");
  }

  @Test
  void healthFactsAreMostImportant() {
    Candidate allergy = extract("I am allergic to peanuts.").get(0);
    Candidate plain = extract("I have two bikes.").get(0);

    assertThat(allergy.type()).isEqualTo(MemoryType.HEALTH);
    assertThat(allergy.importance()).isGreaterThan(plain.importance());
  }

  @Test
  void nothingFromPureSmallTalkOrEmptyText() {
    assertThat(extract("ok. thanks! 谢谢。好的")).isEmpty();
    assertThat(extract("   ")).isEmpty();
    assertThat(extractor.extract(new Exchange(null, "hello", List.of(), null)).candidates())
        .isEmpty();
  }

  private static final OffsetDateTime SAID = OffsetDateTime.parse("2024-03-13T19:00:00Z");

  private List<Candidate> said(String text) {
    return extractor.extract(new Exchange(text, null, List.of(), null, null, SAID)).candidates();
  }

  @Test
  void aSpeakersMessageStandsAloneWithItsSubjectAndDate() {
    List<Candidate> facts =
        said("Melanie: Yeah, I painted that lake sunrise last year! It's special to me.");

    assertThat(facts)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.content())
                  .isEqualTo(
                      "Yeah, Melanie painted that lake sunrise last year (2023)! It's special to"
                          + " Melanie.");
              assertThat(c.subject()).isEqualTo("Melanie");
              assertThat(c.occurred().from()).isEqualTo(LocalDate.of(2023, 1, 1));
              assertThat(c.occurred().to()).isEqualTo(LocalDate.of(2023, 12, 31));
            });
  }

  @Test
  void firstPersonIsResolvedWithTheVerbAgreeing() {
    assertThat(said("Zoe: I really love dark chocolate. My sister Emma is a vet. I'm a nurse."))
        .extracting(Candidate::content)
        .containsExactly(
            "Zoe really loves dark chocolate.", "Zoe's sister Emma is a vet.", "Zoe is a nurse.");
    assertThat(said("Tom: I can't stand olives."))
        .extracting(Candidate::content, Candidate::slot)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Tom can't stand olives.", "likes:olives@tom"));
  }

  @Test
  void theMessageNameIsTheSubjectWhenThereIsNoPrefix() {
    Candidate c =
        extractor
            .extract(
                new Exchange("I moved to Oslo last month.", null, List.of(), null, "Bob", SAID))
            .candidates()
            .get(0);

    assertThat(c.content()).isEqualTo("Bob moved to Oslo last month (February 2024).");
    assertThat(c.slot()).isEqualTo("lives_in@bob");
    assertThat(c.slotValue()).isEqualTo("oslo");
  }

  @Test
  void courtesiesAndGreetingsOfAChatAreDropped() {
    assertThat(
            said(
                """
                Caroline: I'm always here for you, Mel!
                Mel: Hey Caroline, good to hear from you! I'm rooting for you! I'm staying positive.
                Caroline: Wow, that sounds amazing. Talk soon, take care!
                王芳：哈喽李明！真替你高兴！
                李明：李明你好，很高兴又聊天了。\
                """))
        .isEmpty();
  }

  @Test
  void aNamedSpeakersStatementNeedNotBeInTheFirstPerson() {
    assertThat(said("Daniel: Emma just moved to Porto for work.\nDaniel: Where do you live?"))
        .extracting(Candidate::content)
        .containsExactly("Daniel: Emma just moved to Porto for work.");
  }

  @Test
  void chineseRelativeDatesAreResolved() {
    List<Candidate> facts = said("王芳：我昨天去了杭州。\n王芳：我上周买了一辆电动自行车。\n王芳：我打算下个月考驾照。");

    assertThat(facts)
        .extracting(Candidate::content)
        .containsExactly(
            "王芳昨天（2024年3月12日）去了杭州。", "王芳上周（2024年3月4日那一周）买了一辆电动自行车。", "王芳打算下个月（2024年4月）考驾照。");
    assertThat(facts.get(1).occurred().from()).isEqualTo(LocalDate.of(2024, 3, 4));
    assertThat(facts.get(1).occurred().to()).isEqualTo(LocalDate.of(2024, 3, 10));
  }

  @Test
  void withoutAMessageTimeRelativeDatesStayAsTheyWere() {
    assertThat(extract("I went to Kyoto yesterday."))
        .extracting(Candidate::content, Candidate::occurred)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("I went to Kyoto yesterday.", null));
  }
}
