package io.membank.memory.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.PolicySnapshot;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TenantDefaultExpiryTest {

  private static final Optional<Duration> DEPLOYMENT = Optional.of(Duration.ofDays(365));

  @Test
  void aTenantsOwnPolicyDecides() {
    TenantDefaultExpiry expiry = new TenantDefaultExpiry(DEPLOYMENT);
    expiry.put("acme", Optional.of(Duration.ofDays(30)));
    expiry.put(PolicySnapshot.DEFAULT_KEY, Optional.of(Duration.ofDays(7)));

    assertThat(expiry.of("acme")).contains(Duration.ofDays(30));
  }

  @Test
  void aTenantsOwnPolicyWithoutAnExpiryFallsBackToTheDeployments() {
    TenantDefaultExpiry expiry = new TenantDefaultExpiry(DEPLOYMENT);
    expiry.put("acme", Optional.empty());
    expiry.put(PolicySnapshot.DEFAULT_KEY, Optional.of(Duration.ofDays(7)));

    assertThat(expiry.of("acme")).isEqualTo(DEPLOYMENT);
  }

  @Test
  void aTenantWithoutAPolicyHasTheDefaultPolicysThenTheDeployments() {
    TenantDefaultExpiry expiry = new TenantDefaultExpiry(DEPLOYMENT);
    assertThat(expiry.of("globex")).isEqualTo(DEPLOYMENT);

    expiry.put(PolicySnapshot.DEFAULT_KEY, Optional.of(Duration.ofDays(7)));
    assertThat(expiry.of("globex")).contains(Duration.ofDays(7));
  }

  @Test
  void aTombstoneTakesTheTenantsOwnExpiryAway() {
    TenantDefaultExpiry expiry = new TenantDefaultExpiry(Optional.empty());
    expiry.put("acme", Optional.of(Duration.ofHours(12)));
    expiry.remove("acme");

    assertThat(expiry.of("acme")).isEmpty();
  }
}
