package io.membank.memory.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.memory.privacy.service.PolicyBook;
import io.membank.memory.privacy.service.PolicyUnknownException;
import io.membank.privacy.policy.Action;
import io.membank.privacy.policy.PolicySet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class PolicyBookTest {

  private final MutableClock clock = new MutableClock();
  private final PolicyBook book = new PolicyBook(Duration.ofSeconds(15), clock);

  @Test
  void every_tenant_waits_until_the_feed_has_caught_up() {
    book.put(PrivacyFixtures.everything("acme", 3, Action.REDACT));

    assertThatThrownBy(() -> book.policyFor("acme"))
        .isInstanceOf(PolicyUnknownException.class)
        .extracting(e -> ((PolicyUnknownException) e).reason())
        .isEqualTo(PolicyUnknownException.Reason.LOADING);
    assertThatThrownBy(() -> book.policyFor("other")).isInstanceOf(PolicyUnknownException.class);
  }

  @Test
  void once_caught_up_a_tenant_gets_its_own_policy_and_others_the_default() {
    book.put(PrivacyFixtures.everything("acme", 3, Action.REDACT));
    book.confirmCurrent();

    assertThat(book.policyFor("acme").version()).isEqualTo(3);
    assertThat(book.policyFor("acme").defaultAction()).isEqualTo(Action.REDACT);
    PolicySet other = book.policyFor("other");
    assertThat(other.tenantId()).isEqualTo("other");
    assertThat(other.rules()).isEqualTo(PolicySet.builtInDefault().rules());
  }

  @Test
  void a_published_default_replaces_the_built_in_one_and_its_tombstone_restores_it() {
    book.put(PrivacyFixtures.everything(PolicySet.DEFAULT_TENANT, 5, Action.BLOCK));
    book.confirmCurrent();
    assertThat(book.policyFor("other").defaultAction()).isEqualTo(Action.BLOCK);
    assertThat(book.policyFor("other").version()).isEqualTo(5);

    book.remove(PolicySet.DEFAULT_TENANT);

    assertThat(book.policyFor("other").rules()).isEqualTo(PolicySet.builtInDefault().rules());
  }

  @Test
  void a_tombstone_drops_the_tenants_own_policy() {
    book.put(PrivacyFixtures.everything("acme", 3, Action.REDACT));
    book.confirmCurrent();

    book.remove("acme");

    assertThat(book.policyFor("acme").version()).isZero();
  }

  @Test
  void when_the_feed_goes_stale_known_tenants_keep_their_policy_and_unknown_ones_wait() {
    book.put(PrivacyFixtures.everything("acme", 3, Action.REDACT));
    book.confirmCurrent();

    clock.advance(Duration.ofSeconds(16));

    assertThat(book.policyFor("acme").version()).isEqualTo(3);
    assertThatThrownBy(() -> book.policyFor("newcomer"))
        .isInstanceOf(PolicyUnknownException.class)
        .extracting(e -> ((PolicyUnknownException) e).reason())
        .isEqualTo(PolicyUnknownException.Reason.STALE);

    book.confirmCurrent();
    assertThat(book.policyFor("newcomer").tenantId()).isEqualTo("newcomer");
  }

  @Test
  void a_tenant_whose_latest_record_is_unreadable_waits_instead_of_getting_the_default() {
    book.put(PrivacyFixtures.everything("acme", 3, Action.REDACT));
    book.confirmCurrent();

    book.markUnreadable("acme");

    assertThatThrownBy(() -> book.policyFor("acme"))
        .isInstanceOf(PolicyUnknownException.class)
        .extracting(e -> ((PolicyUnknownException) e).reason())
        .isEqualTo(PolicyUnknownException.Reason.UNREADABLE);

    book.put(PrivacyFixtures.everything("acme", 4, Action.MASK));
    assertThat(book.policyFor("acme").version()).isEqualTo(4);
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T08:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
