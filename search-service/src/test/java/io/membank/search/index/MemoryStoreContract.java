package io.membank.search.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.membank.contracts.MemoryEvent;
import io.membank.contracts.MemoryEvent.Operation;
import io.membank.contracts.filter.FilterField;
import io.membank.contracts.filter.FilterNode;
import io.membank.contracts.filter.FilterOperator;
import io.membank.search.index.MemoryStore.Outcome;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MemoryStore} must do, on the store directly (no service around it): versions,
 * deletes, validity, tenant and user binding, every filter kind, keyword (Chinese included) and
 * vector search, hybrid fusion, and the rebuild's stage and swap. {@code
 * LuceneMemoryStoreContractTest} runs it in every build; {@code QdrantMemoryStoreContractTest}
 * against a real Qdrant wherever {@code QDRANT_URL} is set (the GitHub workflow).
 *
 * <p>Vectors here are small hand-made ones (cosines known in advance): the embedding models are not
 * what is under test.
 */
public abstract class MemoryStoreContract {

  static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 9, 0, 0, 0, ZoneOffset.UTC);
  static final String A = "acme";
  static final String B = "globex";

  /** The service's defaults. */
  public static final SearchConfig.Hybrid HYBRID =
      new SearchConfig.Hybrid() {
        @Override
        public int rrfK() {
          return 60;
        }

        @Override
        public double keywordWeight() {
          return 1.0;
        }

        @Override
        public double vectorWeight() {
          return 1.0;
        }

        @Override
        public double sourceWeight() {
          return 0.5;
        }

        @Override
        public int candidates() {
          return 50;
        }
      };

  /** The store under test, fresh and empty for every test. */
  protected MemoryStore store;

  /** A new, empty store. */
  protected abstract MemoryStore open(SearchConfig.Hybrid hybrid) throws Exception;

  /** Removes what the store left behind (after {@link MemoryStore#close()}). */
  protected void destroy() throws Exception {}

  @BeforeEach
  void openStore() throws Exception {
    store = open(HYBRID);
  }

  @AfterEach
  void closeStore() throws Exception {
    try {
      if (store != null) {
        store.close();
      }
    } finally {
      destroy();
    }
  }

  // --- writing and reading -----------------------------------------------------------------

  @Test
  void anUpsertedMemoryIsFoundByKeywordWithAllItsFields() {
    MemoryEvent e =
        memory(A, "u-1", "I love green tea in the morning")
            .type("preference")
            .importance(0.6)
            .entities("Green Tea")
            .metadata(Map.of("source", "chat", "priority", 2))
            .agent("agent-1")
            .session("s-1")
            .build();
    assertThat(store.apply(e, null)).isEqualTo(Outcome.APPLIED);
    store.commit();

    List<IndexedMemory> hits = store.search(keyword(A, "u-1", "green tea"));
    assertThat(hits).hasSize(1);
    IndexedMemory m = hits.get(0);
    assertThat(m.id()).isEqualTo(e.memoryId());
    assertThat(m.userId()).isEqualTo("u-1");
    assertThat(m.agentId()).isEqualTo("agent-1");
    assertThat(m.sessionId()).isEqualTo("s-1");
    assertThat(m.content()).isEqualTo("I love green tea in the morning");
    assertThat(m.type()).isEqualTo("preference");
    assertThat(m.importance()).isEqualTo(0.6);
    assertThat(m.entities()).containsExactly("Green Tea");
    assertThat(MetadataJson.read(m.metadataJson()))
        .containsEntry("source", "chat")
        .containsEntry("priority", 2);
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.createdAt()).isEqualTo(T0);
    assertThat(m.updatedAt()).isEqualTo(T0);
    assertThat(m.validFrom()).isEqualTo(T0); // no valid_from: valid since creation
    assertThat(m.validTo()).isNull();
    assertThat(m.score()).isPositive();
  }

  @Test
  void anEmptyStoreAnswersNothingAndIsOpen() {
    assertThat(store.isOpen()).isTrue();
    assertThat(store.kind()).isIn("lucene", "qdrant");
    assertThat(store.search(keyword(A, "u-1", "anything"))).isEmpty();
    assertThat(store.search(vector(A, "u-1", en(1), 0))).isEmpty();
  }

  @Test
  void keywordScoresAreOrderedByRelevance() {
    String tea = applied(memory(A, "u-1", "I drink green tea"));
    String car = applied(memory(A, "u-1", "a green car"));
    applied(memory(A, "u-1", "black coffee"));

    List<IndexedMemory> hits = store.search(keyword(A, "u-1", "green tea"));
    assertThat(ids(hits)).containsExactly(tea, car);
    assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    assertThat(hits.get(1).score()).isPositive();
  }

  @Test
  void questionWordsDoNotMatchEveryFirstPersonMemory() {
    String tea = applied(memory(A, "u-1", "I drink green tea"));
    applied(memory(A, "u-1", "I go surfing every weekend"));

    assertThat(ids(store.search(keyword(A, "u-1", "what tea do I drink?")))).containsExactly(tea);
  }

  @Test
  void chineseTextIsFoundByKeyword() {
    String tea = applied(memory(A, "u-1", "我喜欢喝绿茶"));
    String shanghai = applied(memory(A, "u-1", "我住在上海"));
    String meeting = applied(memory(A, "u-1", "明天要开产品会议"));

    assertThat(ids(store.search(keyword(A, "u-1", "喝什么茶")))).containsExactly(tea);
    assertThat(ids(store.search(keyword(A, "u-1", "上海")))).containsExactly(shanghai);
    assertThat(ids(store.search(keyword(A, "u-1", "会议")))).containsExactly(meeting);
  }

  @Test
  void keywordModeWithoutAnyTermListsTheFilteredMemories() {
    String one = applied(memory(A, "u-1", "first note"));
    String two = applied(memory(A, "u-1", "second note"));
    applied(memory(A, "u-2", "someone else's note"));

    List<IndexedMemory> hits = store.search(keyword(A, "u-1", "?!"));
    assertThat(ids(hits)).containsExactlyInAnyOrder(one, two);
    assertThat(hits).allSatisfy(h -> assertThat(h.score()).isEqualTo(1f));
    // Hybrid without a term and without a vector has nothing to rank by.
    assertThat(store.search(query(A, "u-1", "?!").mode(SearchQuery.Mode.HYBRID).build())).isEmpty();
  }

  @Test
  void theLimitIsRespected() {
    for (int i = 0; i < 5; i++) {
      applied(memory(A, "u-1", "note number " + i));
    }
    assertThat(store.search(query(A, "u-1", "note").limit(3).build())).hasSize(3);
  }

  @Test
  void vectorSearchRanksByCosineAndDropsWhatIsBelowTheFloor() {
    String same = applied(memory(A, "u-1", "alpha"), en(1));
    String near = applied(memory(A, "u-1", "beta"), en(0.6f, 0.8f));
    applied(memory(A, "u-1", "gamma"), en(0, 0, 1));

    List<IndexedMemory> hits = store.search(vector(A, "u-1", en(1), 0.5));
    assertThat(ids(hits)).containsExactly(same, near);
    assertThat((double) hits.get(0).score()).isCloseTo(1.0, within(1e-3));
    assertThat((double) hits.get(1).score()).isCloseTo(0.6, within(1e-3));
    assertThat(ids(store.search(vector(A, "u-1", en(1), 0.7)))).containsExactly(same);
  }

  @Test
  void aVectorOnlyMeetsVectorsOfItsOwnModel() {
    String english = applied(memory(A, "u-1", "english"), en(1));
    String chinese = applied(memory(A, "u-1", "中文"), zh(1));

    assertThat(ids(store.search(vector(A, "u-1", en(1), 0.5)))).containsExactly(english);
    assertThat(ids(store.search(vector(A, "u-1", zh(1), 0.5)))).containsExactly(chinese);
  }

  @Test
  void hybridFusesKeywordAndVectorRankings() {
    String keywordOnly = applied(memory(A, "u-1", "hiking boots"), en(0, 0, 0, 0, 1));
    String vectorOnly = applied(memory(A, "u-1", "mountain trail"), en(1));
    String both = applied(memory(A, "u-1", "hiking map"), en(0.8f, 0.6f));

    List<IndexedMemory> hits =
        store.search(
            query(A, "u-1", "hiking")
                .mode(SearchQuery.Mode.HYBRID)
                .vector(en(1))
                .floor(0.5)
                .build());
    assertThat(ids(hits)).hasSize(3).first().isEqualTo(both);
    assertThat(ids(hits)).contains(keywordOnly, vectorOnly);
    // Found by both rankings beats anything one ranking alone can give (1 / (k + 1)).
    assertThat((double) hits.get(0).score()).isGreaterThan(1.0 / 61);
    assertThat(hits.get(1).score()).isGreaterThanOrEqualTo(hits.get(2).score());
  }

  // --- versions, deletes, validity ---------------------------------------------------------

  @Test
  void staleAndRepeatedVersionsAreIgnored() {
    Builder two = memory(A, "u-1", "version two of the plan").version(2);
    assertThat(store.apply(two.build(), null)).isEqualTo(Outcome.APPLIED);
    store.commit();
    assertThat(store.apply(two.content("version one of the plan").version(1).build(), null))
        .isEqualTo(Outcome.STALE);
    assertThat(store.apply(two.content("version two again").version(2).build(), null))
        .isEqualTo(Outcome.STALE);
    store.commit();
    assertThat(contents(store.search(keyword(A, "u-1", "plan"))))
        .containsExactly("version two of the plan");

    assertThat(store.apply(two.content("version three of the plan").version(3).build(), null))
        .isEqualTo(Outcome.APPLIED);
    store.commit();
    List<IndexedMemory> hits = store.search(keyword(A, "u-1", "plan"));
    assertThat(contents(hits)).containsExactly("version three of the plan");
    assertThat(hits.get(0).version()).isEqualTo(3);
  }

  @Test
  void aDeletedMemoryIsNeverReturnedAndALateEventCannotBringItBack() {
    Builder oboe = memory(A, "u-1", "I play the oboe");
    applied(oboe, en(1));
    store.apply(oboe.op(Operation.DELETED).content(null).version(2).build(), null);
    store.commit();

    assertThat(store.search(keyword(A, "u-1", "oboe"))).isEmpty();
    assertThat(store.search(vector(A, "u-1", en(1), 0))).isEmpty();
    assertThat(store.search(query(A, "u-1", "oboe").includeInvalidated().build())).isEmpty();
    assertThat(store.search(query(A, "u-1", "oboe").asOf(T0.plusHours(1)).build())).isEmpty();
    assertThat(store.search(keyword(A, "u-1", "?!"))).isEmpty();

    Builder late = memory(A, "u-1", "I play the oboe").id(oboe.build().memoryId());
    assertThat(store.apply(late.build(), en(1))).isEqualTo(Outcome.STALE);
    store.commit();
    assertThat(store.search(keyword(A, "u-1", "oboe"))).isEmpty();
  }

  @Test
  void anInvalidatedMemoryIsHiddenUnlessInvalidatedOnesOrAMomentAreAskedFor() {
    Builder berlin = memory(A, "u-1", "I live in Berlin");
    String id = applied(berlin);
    store.apply(berlin.op(Operation.INVALIDATED).version(2).validTo(T0.plusDays(10)).build(), null);
    store.commit();

    assertThat(store.search(keyword(A, "u-1", "Berlin"))).isEmpty();
    assertThat(ids(store.search(query(A, "u-1", "Berlin").includeInvalidated().build())))
        .containsExactly(id);
    assertThat(ids(store.search(query(A, "u-1", "Berlin").asOf(T0.plusDays(5)).build())))
        .containsExactly(id);
    assertThat(store.search(query(A, "u-1", "Berlin").asOf(T0.plusDays(10)).build())).isEmpty();
    assertThat(store.search(query(A, "u-1", "Berlin").asOf(T0.minusDays(1)).build())).isEmpty();
    IndexedMemory m = store.search(query(A, "u-1", "Berlin").includeInvalidated().build()).get(0);
    assertThat(m.validTo()).isEqualTo(T0.plusDays(10));
  }

  @Test
  void asOfAnswersWithWhatWasValidThen() {
    String later = applied(memory(A, "u-1", "I work at Acme").validFrom(T0.plusDays(3)));

    assertThat(store.search(query(A, "u-1", "Acme").asOf(T0.plusDays(1)).build())).isEmpty();
    assertThat(ids(store.search(query(A, "u-1", "Acme").asOf(T0.plusDays(4)).build())))
        .containsExactly(later);
    assertThat(ids(store.search(keyword(A, "u-1", "Acme")))).containsExactly(later);
  }

  // --- tenant and user binding -------------------------------------------------------------

  @Test
  void aTenantNeverSeesAnotherTenantsMemories() {
    String sharedId = UUID.randomUUID().toString();
    Builder ours = memory(A, "u-1", "apple pie recipe").id(sharedId);
    Builder theirs = memory(B, "u-1", "apple cider recipe").id(sharedId);
    assertThat(store.apply(ours.build(), en(1))).isEqualTo(Outcome.APPLIED);
    assertThat(store.apply(theirs.build(), en(1))).isEqualTo(Outcome.APPLIED);
    store.commit();

    assertThat(contents(store.search(keyword(A, "u-1", "apple recipe"))))
        .containsExactly("apple pie recipe");
    assertThat(contents(store.search(keyword(B, "u-1", "apple recipe"))))
        .containsExactly("apple cider recipe");
    assertThat(contents(store.search(vector(A, "u-1", en(1), 0))))
        .containsExactly("apple pie recipe");
    assertThat(contents(store.search(keyword(A, "u-1", "?!")))).containsExactly("apple pie recipe");

    // One tenant's delete and versions are its own.
    store.apply(ours.op(Operation.DELETED).content(null).version(2).build(), null);
    store.commit();
    assertThat(store.search(keyword(A, "u-1", "apple"))).isEmpty();
    assertThat(contents(store.search(keyword(B, "u-1", "apple"))))
        .containsExactly("apple cider recipe");
    assertThat(store.search(keyword("initech", "u-1", "apple"))).isEmpty();
  }

  @Test
  void aSearchIsBoundToItsUser() {
    String mine = applied(memory(A, "u-1", "violin lessons on Monday"), en(1));
    applied(memory(A, "u-2", "violin concert on Friday"), en(1));

    assertThat(ids(store.search(keyword(A, "u-1", "violin")))).containsExactly(mine);
    assertThat(ids(store.search(vector(A, "u-1", en(1), 0)))).containsExactly(mine);
    assertThat(store.search(keyword(A, "u-3", "violin"))).isEmpty();
  }

  // --- filters -----------------------------------------------------------------------------

  /** Three coffee memories that differ in every filterable field. */
  private void coffee() {
    applied(
        memory(A, "u-1", "coffee at home")
            .type("preference")
            .importance(0.3)
            .agent("a1")
            .session("s1")
            .entities("Paris")
            .metadata(Map.of("source", "chat", "room", "kitchen"))
            .created(T0));
    applied(
        memory(A, "u-1", "coffee at work")
            .type("fact")
            .importance(0.95)
            .agent("a2")
            .session("s2")
            .entities("Berlin")
            .metadata(Map.of("source", "email", "priority", 2, "app.version", "1.2"))
            .created(T0.plusDays(2)));
    applied(
        memory(A, "u-1", "coffee with friends")
            .type("fact")
            .importance(0.6)
            .agent("a1")
            .session("s2")
            .entities("paris", "Rome")
            .metadata(Map.of("source", "chat", "tags", List.of("x", "y"), "nested", Map.of("k", 1)))
            .created(T0.plusDays(5)));
  }

  private List<String> coffee(FilterNode filter) {
    return contents(store.search(query(A, "u-1", "coffee").filter(filter).build()));
  }

  @Test
  void agentSessionTypeAndEntityFiltersSelect() {
    coffee();
    assertThat(coffee(agent("a1")))
        .containsExactlyInAnyOrder("coffee at home", "coffee with friends");
    assertThat(coffee(session("s2")))
        .containsExactlyInAnyOrder("coffee at work", "coffee with friends");
    assertThat(coffee(types("preference"))).containsExactly("coffee at home");
    assertThat(coffee(types("fact", "preference"))).hasSize(3);
    assertThat(coffee(types("event"))).isEmpty();
    assertThat(coffee(entities("PARIS")))
        .containsExactlyInAnyOrder("coffee at home", "coffee with friends");
    assertThat(coffee(entities("rome", "berlin")))
        .containsExactlyInAnyOrder("coffee at work", "coffee with friends");
  }

  @Test
  void metadataFiltersMatchTopLevelValues() {
    coffee();
    assertThat(coffee(metadata("source", "chat")))
        .containsExactlyInAnyOrder("coffee at home", "coffee with friends");
    assertThat(coffee(metadata("priority", "2"))).containsExactly("coffee at work");
    assertThat(coffee(metadata("tags", "y"))).containsExactly("coffee with friends");
    assertThat(coffee(metadata("app.version", "1.2"))).containsExactly("coffee at work");
    assertThat(coffee(metadata("app", "1.2"))).isEmpty();
    assertThat(coffee(metadata("source", "email", "chat"))).hasSize(3);
    assertThat(coffee(metadata(Map.of("room", List.of("kitchen"), "source", List.of("email")))))
        .isEmpty();
    assertThat(coffee(metadata("nested", "{k=1}"))).isEmpty(); // objects are not filterable
    assertThat(coffee(metadata("missing", "x"))).isEmpty();
  }

  @Test
  void comparisonOperatorsAndNegationsSelect() {
    coffee();
    assertThat(coffee(cond(FilterField.IMPORTANCE, FilterOperator.GT, 0.6)))
        .containsExactly("coffee at work");
    assertThat(coffee(cond(FilterField.IMPORTANCE, FilterOperator.LT, 0.6)))
        .containsExactly("coffee at home");
    assertThat(coffee(cond(FilterField.CREATED_AT, FilterOperator.GT, T0.plusDays(2).toInstant())))
        .containsExactly("coffee with friends");
    assertThat(coffee(cond(FilterField.AGENT_ID, FilterOperator.NE, "a1")))
        .containsExactly("coffee at work");
    assertThat(
            coffee(
                new FilterNode.Condition(
                    FilterField.TYPE, List.of(), FilterOperator.NIN, List.of("preference"))))
        .containsExactlyInAnyOrder("coffee at work", "coffee with friends");
  }

  @Test
  void eventTimeFiltersAndFallsBackToCreation() {
    store.apply(memory(A, "u-1", "tea in 2019").occurred(T0.minusYears(7)).build(), null);
    store.apply(memory(A, "u-1", "tea today").build(), null);
    store.commit();
    var before = cond(FilterField.OCCURRED_AT, FilterOperator.LT, T0.minusYears(1).toInstant());
    assertThat(contents(store.search(query(A, "u-1", "tea").filter(before).build())))
        .containsExactly("tea in 2019");
    var since = cond(FilterField.OCCURRED_AT, FilterOperator.GTE, T0.toInstant());
    List<IndexedMemory> hits = store.search(query(A, "u-1", "tea").filter(since).build());
    assertThat(contents(hits)).containsExactly("tea today");
    assertThat(store.search(query(A, "u-1", "tea").filter(before).build()).getFirst().occurredAt())
        .isEqualTo(T0.minusYears(7));
  }

  @Test
  void theBestHitsCanBeOrderedByEventTimeOrByCreation() {
    // Stored in one order, happened in another; the last one has no event time.
    String paris =
        applied(memory(A, "u-1", "trip to paris").created(T0).occurred(T0.minusYears(3)));
    String rome =
        applied(
            memory(A, "u-1", "trip to rome trip")
                .created(T0.plusDays(1))
                .occurred(T0.minusYears(5)));
    String oslo = applied(memory(A, "u-1", "trip to oslo").created(T0.plusDays(2)));
    applied(memory(A, "u-1", "a walk in the park").created(T0.plusDays(3)));

    assertThat(ids(store.search(query(A, "u-1", "trip").order("occurred_at", null).build())))
        .containsExactly(oslo, paris, rome);
    assertThat(ids(store.search(query(A, "u-1", "trip").order("occurred_at", "asc").build())))
        .containsExactly(rome, paris, oslo);
    assertThat(ids(store.search(query(A, "u-1", "trip").order("created_at", "asc").build())))
        .containsExactly(paris, rome, oslo);
    // Relevance still picks the hits: the limit best, then arranged by time.
    List<IndexedMemory> best = store.search(query(A, "u-1", "trip").limit(2).build());
    assertThat(
            ids(store.search(query(A, "u-1", "trip").limit(2).order("created_at", null).build())))
        .containsExactlyInAnyOrderElementsOf(ids(best));
  }

  @Test
  void expiredMemoriesAreNeverAnswers() {
    OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1);
    OffsetDateTime future = OffsetDateTime.now(ZoneOffset.UTC).plusDays(1);
    store.apply(memory(A, "u-1", "milk expired").expires(past).build(), null);
    store.apply(memory(A, "u-1", "milk fresh").expires(future).build(), null);
    store.apply(memory(A, "u-1", "milk forever").build(), null);
    store.commit();
    assertThat(contents(store.search(query(A, "u-1", "milk").build())))
        .containsExactlyInAnyOrder("milk fresh", "milk forever");
  }

  @Test
  void importanceAndCreatedRangesAreInclusive() {
    coffee();
    assertThat(coffee(importance(0.6, null)))
        .containsExactlyInAnyOrder("coffee at work", "coffee with friends");
    assertThat(coffee(importance(null, 0.6)))
        .containsExactlyInAnyOrder("coffee at home", "coffee with friends");
    assertThat(coffee(importance(0.5, 0.7))).containsExactly("coffee with friends");
    assertThat(coffee(created(T0.plusDays(2), null)))
        .containsExactlyInAnyOrder("coffee at work", "coffee with friends");
    assertThat(coffee(created(null, T0.plusDays(2))))
        .containsExactlyInAnyOrder("coffee at home", "coffee at work");
    assertThat(coffee(created(T0.plusDays(1), T0.plusDays(4)))).containsExactly("coffee at work");
  }

  @Test
  void andOrAndNotGroupsCombine() {
    coffee();
    assertThat(coffee(and(types("fact"), agent("a1")))).containsExactly("coffee with friends");
    assertThat(coffee(or(types("preference"), and(session("s2"), agent("a2")))))
        .containsExactlyInAnyOrder("coffee at home", "coffee at work");
    assertThat(coffee(not(types("fact")))).containsExactly("coffee at home");
    assertThat(coffee(not(or(agent("a2"), types("preference")))))
        .containsExactly("coffee with friends");
    assertThat(coffee(and(or(agent("a2"), entities("paris")), not(metadata("room", "kitchen")))))
        .containsExactlyInAnyOrder("coffee at work", "coffee with friends");
    assertThat(coffee(and(types("fact"), not(and(agent("a1"), session("s2"))))))
        .containsExactly("coffee at work");
  }

  @Test
  void filtersBindVectorSearchToo() {
    String fact = applied(memory(A, "u-1", "one").type("fact"), en(1));
    applied(memory(A, "u-1", "two").type("preference"), en(1));

    assertThat(
            ids(
                store.search(
                    query(A, "u-1", "x")
                        .mode(SearchQuery.Mode.VECTOR)
                        .vector(en(1))
                        .filter(types("fact"))
                        .build())))
        .containsExactly(fact);
  }

  // --- rebuild -----------------------------------------------------------------------------

  @Test
  void aStagedStoreIsSearchedOnlyAfterTheSwapAndThenTakesTheLiveWrites() {
    Builder cello = memory(A, "u-1", "I play the cello");
    applied(cello);

    MemoryStore.Staging staging = store.stage();
    assertThat(staging.apply(cello.build(), null)).isEqualTo(Outcome.APPLIED);
    assertThat(staging.apply(cello.build(), null)).isEqualTo(Outcome.STALE);
    staging.apply(memory(A, "u-1", "I play the harp").build(), null);
    staging.commit();
    assertThat(store.search(keyword(A, "u-1", "harp"))).isEmpty();
    // A live write during the rebuild goes to the live store (the rebuild's catch-up replays it).
    applied(memory(A, "u-1", "I play the drums"));
    assertThat(store.search(keyword(A, "u-1", "drums"))).hasSize(1);

    store.swap(staging, () -> staging.apply(memory(A, "u-1", "I play the oboe").build(), null));

    assertThat(contents(store.search(keyword(A, "u-1", "play"))))
        .containsExactlyInAnyOrder("I play the cello", "I play the harp", "I play the oboe");
    applied(memory(A, "u-1", "I play the flute"));
    assertThat(contents(store.search(keyword(A, "u-1", "flute"))))
        .containsExactly("I play the flute");
    // A second rebuild works the same (the one before is dropped then).
    MemoryStore.Staging again = store.stage();
    again.apply(memory(A, "u-1", "I play the lute").build(), null);
    store.swap(again, () -> {});
    assertThat(contents(store.search(keyword(A, "u-1", "play"))))
        .containsExactly("I play the lute");
  }

  @Test
  void aDiscardedStagingChangesNothing() {
    applied(memory(A, "u-1", "I play the cello"));
    MemoryStore.Staging staging = store.stage();
    staging.apply(memory(A, "u-1", "I play the harp").build(), null);
    staging.discard();

    assertThat(contents(store.search(keyword(A, "u-1", "play"))))
        .containsExactly("I play the cello");
    applied(memory(A, "u-1", "I play the harp"));
    assertThat(store.search(keyword(A, "u-1", "harp"))).hasSize(1);
  }

  // --- helpers -----------------------------------------------------------------------------

  /** Applies and commits; the memory's id. */
  protected String applied(Builder memory) {
    return applied(memory, null);
  }

  /** Applies with an embedding and commits; the memory's id. */
  protected String applied(Builder memory, Vector vector) {
    MemoryEvent e = memory.build();
    assertThat(store.apply(e, vector)).isEqualTo(Outcome.APPLIED);
    store.commit();
    return e.memoryId();
  }

  protected static List<String> ids(List<IndexedMemory> hits) {
    return hits.stream().map(IndexedMemory::id).toList();
  }

  protected static List<String> contents(List<IndexedMemory> hits) {
    return hits.stream().map(IndexedMemory::content).toList();
  }

  /** A test vector of the English model's field: the given leading components, zeros after. */
  static Vector en(float... head) {
    return new Vector("vec_en", "test-en", padded(head, 384));
  }

  /** The same for the Chinese model's field. */
  static Vector zh(float... head) {
    return new Vector("vec_zh", "test-zh", padded(head, 512));
  }

  private static float[] padded(float[] head, int dimension) {
    return Arrays.copyOf(head, dimension);
  }

  protected static SearchQuery keyword(String tenant, String user, String text) {
    return query(tenant, user, text).build();
  }

  static SearchQuery vector(String tenant, String user, Vector v, double floor) {
    return query(tenant, user, "x").mode(SearchQuery.Mode.VECTOR).vector(v).floor(floor).build();
  }

  static QueryBuilder query(String tenant, String user, String text) {
    return new QueryBuilder(tenant, user, text);
  }

  /** A search, keyword-ranked and unfiltered until told otherwise. */
  static final class QueryBuilder {
    private final String tenant;
    private final String user;
    private final String text;
    private int limit = 10;
    private FilterNode filter = FilterNode.NONE;
    private boolean includeInvalidated;
    private OffsetDateTime asOf;
    private SearchQuery.Mode mode = SearchQuery.Mode.KEYWORD;
    private Vector vector;
    private double floor;
    private boolean sources = true;
    private HitOrder order = HitOrder.SCORE;

    QueryBuilder(String tenant, String user, String text) {
      this.tenant = tenant;
      this.user = user;
      this.text = text;
    }

    QueryBuilder limit(int n) {
      limit = n;
      return this;
    }

    QueryBuilder filter(FilterNode f) {
      filter = f;
      return this;
    }

    QueryBuilder includeInvalidated() {
      includeInvalidated = true;
      return this;
    }

    QueryBuilder asOf(OffsetDateTime t) {
      asOf = t;
      return this;
    }

    QueryBuilder mode(SearchQuery.Mode m) {
      mode = m;
      return this;
    }

    QueryBuilder vector(Vector v) {
      vector = v;
      return this;
    }

    QueryBuilder floor(double f) {
      floor = f;
      return this;
    }

    QueryBuilder order(String by, String direction) {
      order = HitOrder.of(by, direction);
      return this;
    }

    QueryBuilder withoutSources() {
      sources = false;
      return this;
    }

    SearchQuery build() {
      return new SearchQuery(
          tenant,
          user,
          text,
          limit,
          filter,
          includeInvalidated,
          asOf,
          mode,
          vector,
          floor,
          sources,
          order);
    }
  }

  protected static Builder memory(String tenant, String user, String content) {
    return new Builder(tenant, user, content);
  }

  /** A memory event, created at {@link #T0} as version 1 until told otherwise. */
  protected static final class Builder {
    private final String tenant;
    private final String user;
    private String id = UUID.randomUUID().toString();
    private String content;
    private long version = 1;
    private Operation op = Operation.CREATED;
    private String type;
    private Double importance;
    private List<String> entities = List.of();
    private Map<String, Object> metadata;
    private String agent;
    private String session;
    private OffsetDateTime created = T0;
    private OffsetDateTime validFrom;
    private OffsetDateTime validTo;
    private OffsetDateTime occurred;
    private OffsetDateTime expires;
    private String source;

    Builder(String tenant, String user, String content) {
      this.tenant = tenant;
      this.user = user;
      this.content = content;
    }

    Builder id(String v) {
      id = v;
      return this;
    }

    Builder source(String v) {
      source = v;
      return this;
    }

    Builder content(String v) {
      content = v;
      return this;
    }

    Builder version(long v) {
      version = v;
      return this;
    }

    Builder op(Operation v) {
      op = v;
      return this;
    }

    Builder type(String v) {
      type = v;
      return this;
    }

    Builder importance(double v) {
      importance = v;
      return this;
    }

    Builder entities(String... v) {
      entities = List.of(v);
      return this;
    }

    Builder metadata(Map<String, Object> v) {
      metadata = new LinkedHashMap<>(v);
      return this;
    }

    Builder agent(String v) {
      agent = v;
      return this;
    }

    Builder session(String v) {
      session = v;
      return this;
    }

    Builder created(OffsetDateTime v) {
      created = v;
      return this;
    }

    Builder validFrom(OffsetDateTime v) {
      validFrom = v;
      return this;
    }

    Builder validTo(OffsetDateTime v) {
      validTo = v;
      return this;
    }

    Builder occurred(OffsetDateTime v) {
      occurred = v;
      return this;
    }

    Builder expires(OffsetDateTime v) {
      expires = v;
      return this;
    }

    MemoryEvent build() {
      return new MemoryEvent(
          id,
          tenant,
          user,
          agent,
          session,
          op,
          version,
          content,
          type,
          importance,
          entities,
          metadata,
          validFrom,
          validTo,
          created,
          created,
          null,
          occurred,
          expires,
          source);
    }
  }

  // --- filter nodes: one condition each --------------------------------------------------

  static FilterNode agent(String id) {
    return eq(FilterField.AGENT_ID, id);
  }

  static FilterNode session(String id) {
    return eq(FilterField.SESSION_ID, id);
  }

  static FilterNode created(OffsetDateTime from, OffsetDateTime to) {
    List<FilterNode> bounds = new java.util.ArrayList<>();
    if (from != null) {
      bounds.add(cond(FilterField.CREATED_AT, FilterOperator.GTE, from.toInstant()));
    }
    if (to != null) {
      bounds.add(cond(FilterField.CREATED_AT, FilterOperator.LTE, to.toInstant()));
    }
    return new FilterNode.All(bounds);
  }

  static FilterNode importance(Double min, Double max) {
    List<FilterNode> bounds = new java.util.ArrayList<>();
    if (min != null) {
      bounds.add(cond(FilterField.IMPORTANCE, FilterOperator.GTE, min));
    }
    if (max != null) {
      bounds.add(cond(FilterField.IMPORTANCE, FilterOperator.LTE, max));
    }
    return new FilterNode.All(bounds);
  }

  static FilterNode types(String... types) {
    return in(FilterField.TYPE, List.of(), List.of((Object[]) types));
  }

  static FilterNode entities(String... entities) {
    return in(FilterField.ENTITIES, List.of(), List.of((Object[]) entities));
  }

  /** Metadata equality on one key: any of the values. */
  static FilterNode metadata(String key, String... values) {
    return metadata(Map.of(key, List.of(values)));
  }

  /** Metadata equality on every key of the map. */
  static FilterNode metadata(Map<String, List<String>> equalities) {
    return new FilterNode.All(
        equalities.entrySet().stream()
            .map(e -> in(FilterField.METADATA, List.of(e.getKey()), List.copyOf(e.getValue())))
            .toList());
  }

  static FilterNode and(FilterNode... nodes) {
    return new FilterNode.All(List.of(nodes));
  }

  static FilterNode or(FilterNode... nodes) {
    return new FilterNode.Any(List.of(nodes));
  }

  static FilterNode not(FilterNode node) {
    return new FilterNode.Not(node);
  }

  static FilterNode eq(FilterField field, Object value) {
    return cond(field, FilterOperator.EQ, value);
  }

  static FilterNode cond(FilterField field, FilterOperator op, Object value) {
    return new FilterNode.Condition(field, List.of(), op, List.of(value));
  }

  static FilterNode in(FilterField field, List<String> path, List<Object> values) {
    return new FilterNode.Condition(field, path, FilterOperator.IN, values);
  }
}
