package io.membank.audit.webhooks.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhook subscriptions and their delivery, each knob with a sane default. */
@ConfigMapping(prefix = "membank.webhooks")
public interface WebhooksConfig {

  /** Most subscriptions one tenant may have. */
  @WithDefault("25")
  int maxSubscriptionsPerTenant();

  /** Largest page of subscriptions and of a delivery log. */
  @WithDefault("100")
  int maxPageSize();

  /**
   * Deliver to loopback, private (RFC 1918 / unique-local), link-local and other non-public
   * addresses. Off in production (SSRF); a test or a closed on-premises network turns it on.
   */
  @WithDefault("false")
  boolean allowPrivateTargets();

  /** Accept plain {@code http://} receivers (off: {@code https://} only). */
  @WithDefault("false")
  boolean allowHttp();

  /** How often the dispatcher looks for due deliveries. */
  @WithDefault("1s")
  String pollEvery();

  /** Deliveries taken per dispatcher round. */
  @WithDefault("50")
  int batchSize();

  /** Connect and response timeout of one delivery attempt. */
  @WithDefault("10s")
  Duration timeout();

  /** First retry delay after a failure, doubled per consecutive failure of the receiver. */
  @WithDefault("5s")
  Duration initialBackoff();

  /** Longest retry delay. */
  @WithDefault("1h")
  Duration maxBackoff();

  /** How long a delivery is retried before it is given up (status failed). */
  @WithDefault("24h")
  Duration retryFor();

  /**
   * Consecutive failed attempts (no success in between) after which a subscription is disabled.
   * With the default back-off (5 s doubling up to 1 h) 30 failures span about a day.
   */
  @WithDefault("30")
  int disableAfterFailures();

  /** How long a claimed delivery stays invisible to other dispatchers while it is sent. */
  @WithDefault("2m")
  Duration lease();
}
