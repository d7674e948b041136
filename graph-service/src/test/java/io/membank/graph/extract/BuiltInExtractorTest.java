package io.membank.graph.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuiltInExtractorTest {

  static final OffsetDateTime WRITTEN = OffsetDateTime.of(2026, 11, 25, 9, 0, 0, 0, ZoneOffset.UTC);
  final BuiltInExtractor extractor = new BuiltInExtractor();

  Extraction extract(String content, String... known) {
    return extractor.extract(new ExtractionInput(content, List.of(known), WRITTEN));
  }

  static ExtractedEntity entity(Extraction x, String name) {
    return x.entities().stream()
        .filter(e -> e.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no entity " + name + " in " + x.entities()));
  }

  @Test
  void aStatedPreferenceLinksTheUserToAKnownProduct() {
    Extraction x = extract("I love coffee");

    assertThat(entity(x, "coffee").type()).isEqualTo(EntityType.PRODUCT);
    assertThat(x.relations()).containsExactly(ExtractedRelation.fromUser("prefers", "coffee", 0.9));
    assertThat(x.usage()).isNull();
  }

  @Test
  void anEmployerIsAnOrganisationAndTheKnowledgeTableAddsWhatItSells() {
    Extraction x = extract("I work at Starbucks");

    assertThat(entity(x, "Starbucks").type()).isEqualTo(EntityType.ORGANIZATION);
    assertThat(entity(x, "coffee").confidence()).isEqualTo(BuiltInExtractor.IMPLIED);
    assertThat(entity(x, "coffee").context()).contains("built-in knowledge");
    assertThat(x.relations())
        .contains(
            ExtractedRelation.fromUser("works at", "Starbucks", 0.9),
            new ExtractedRelation("Starbucks", "sells", "coffee", BuiltInExtractor.IMPLIED));
  }

  @Test
  void aChineseMeetingTomorrowIsAnEventOnAResolvedDate() {
    Extraction x = extract("明天要开产品会议");

    assertThat(entity(x, "产品会议").type()).isEqualTo(EntityType.EVENT);
    assertThat(entity(x, "2026-11-26").type()).isEqualTo(EntityType.DATE);
    assertThat(x.relations())
        .contains(
            ExtractedRelation.fromUser("participates in", "产品会议", BuiltInExtractor.EVENT),
            new ExtractedRelation("产品会议", "scheduled on", "2026-11-26", 0.9));
  }

  @Test
  void chineseEmployerAndPreferenceShareKeysWithTheirEnglishNames() {
    Extraction x = extract("我在星巴克工作，我喜欢喝咖啡。");

    assertThat(entity(x, "星巴克").type()).isEqualTo(EntityType.ORGANIZATION);
    assertThat(EntityKeys.of("星巴克", EntityType.CONCEPT).key()).isEqualTo("starbucks");
    assertThat(EntityKeys.of("咖啡", EntityType.CONCEPT).key()).isEqualTo("coffee");
    assertThat(x.relations())
        .contains(
            ExtractedRelation.fromUser("works at", "星巴克", 0.9),
            ExtractedRelation.fromUser("prefers", "咖啡", 0.9));
    // The implied "coffee" is the same entity as the stated 咖啡: no second one.
    assertThat(x.entities().stream().filter(e -> e.type() == EntityType.PRODUCT)).hasSize(1);
  }

  @Test
  void negationsAreDislikesNotPreferences() {
    Extraction x = extract("I don't like green tea. 我不喜欢啤酒");

    assertThat(x.relations())
        .containsExactlyInAnyOrder(
            ExtractedRelation.fromUser("dislikes", "green tea", 0.9),
            ExtractedRelation.fromUser("dislikes", "啤酒", 0.9),
            new ExtractedRelation("green tea", "kind of", "tea", BuiltInExtractor.IMPLIED));
  }

  @Test
  void peopleAndPlaces() {
    Extraction x = extract("My friend Alice lives in Paris. 我的朋友小王住在北京");

    assertThat(entity(x, "Alice").type()).isEqualTo(EntityType.PERSON);
    assertThat(entity(x, "小王").type()).isEqualTo(EntityType.PERSON);
    assertThat(entity(x, "Paris").type()).isEqualTo(EntityType.PLACE);
    assertThat(entity(x, "北京").type()).isEqualTo(EntityType.PLACE);
    assertThat(x.relations())
        .contains(
            ExtractedRelation.fromUser("friend", "Alice", 0.9),
            ExtractedRelation.fromUser("朋友", "小王", 0.9),
            new ExtractedRelation("Paris", "located in", "France", BuiltInExtractor.IMPLIED));
  }

  @Test
  void firstPersonStatementsOfWorkStudyAndHome() {
    Extraction x = extract("I'm a student at Stanford. I moved to Kyoto. 我在阿里巴巴工作。我住在上海浦东");

    assertThat(x.relations())
        .contains(
            ExtractedRelation.fromUser("studies at", "Stanford", 0.9),
            ExtractedRelation.fromUser("lives in", "Kyoto", 0.9),
            ExtractedRelation.fromUser("works at", "阿里巴巴", 0.9),
            ExtractedRelation.fromUser("lives in", "上海浦东", 0.9));
  }

  @Test
  void englishEventsDropVerbsAndTimeWordsButNotGerunds() {
    assertThat(entity(extract("I have a product meeting tomorrow"), "product meeting").type())
        .isEqualTo(EntityType.EVENT);
    assertThat(extract("I love meeting people").entities())
        .noneMatch(e -> e.type() == EntityType.EVENT);
  }

  @Test
  void datesResolveAgainstTheTimeOfWriting() {
    LocalDate wednesday = LocalDate.of(2026, 11, 25);

    assertThat(BuiltInExtractor.resolve("tomorrow", wednesday)).isEqualTo("2026-11-26");
    assertThat(BuiltInExtractor.resolve("next Monday", wednesday)).isEqualTo("2026-11-30");
    assertThat(BuiltInExtractor.resolve("下周一", wednesday)).isEqualTo("2026-11-30");
    assertThat(BuiltInExtractor.resolve("周五", wednesday)).isEqualTo("2026-11-27");
    assertThat(BuiltInExtractor.resolve("12月3日", wednesday)).isEqualTo("2026-12-03");
    assertThat(BuiltInExtractor.resolve("3月1号", wednesday)).isEqualTo("2027-03-01");
    assertThat(BuiltInExtractor.resolve("Dec 24th", wednesday)).isEqualTo("2026-12-24");
    assertThat(BuiltInExtractor.resolve("someday", wednesday)).isNull();
  }

  @Test
  void namesTheMemoryAlreadyCarriesAreKept() {
    Extraction x = extract("Went there last week", "Kyoto", "Blue Bottle");

    assertThat(entity(x, "Kyoto").type()).isEqualTo(EntityType.PLACE);
    assertThat(entity(x, "Blue Bottle").type()).isEqualTo(EntityType.CONCEPT);
    assertThat(entity(x, "Blue Bottle").confidence()).isEqualTo(BuiltInExtractor.NAMED_BY_MEMORY);
  }

  @Test
  void smallTalkYieldsNothing() {
    Extraction x = extract("Hello there, how are you?");

    assertThat(x.entities()).isEmpty();
    assertThat(x.relations()).isEmpty();
  }
}
