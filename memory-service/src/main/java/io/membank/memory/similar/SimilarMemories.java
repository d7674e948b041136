package io.membank.memory.similar;

import io.membank.http.Saturation;
import io.membank.identity.ServiceCredentials;
import io.membank.memory.config.MemoryConfig;
import io.membank.memory.metrics.BusinessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks search-service which of a user's current memories resemble the new facts, so that decisions
 * also see old memories outside the recent window. Bounded by a timeout and a circuit breaker: when
 * search-service is down, failing or not configured (or the breaker is open), the answer is {@link
 * Lookup#unavailable} and the decision falls back to the recent memories alone (exact and
 * normalized-text duplicates). When it is only busy — slower than the timeout, saturated (503, our
 * own client pool full), or its breaker was opened by timeouts — the lookup throws instead: the job
 * waits and asks again (issue 24), and falls back, counted, only once it has waited {@code
 * membank.memory.similar-saturation-wait}. The breaker still counts timeouts, so a stalled
 * search-service costs the waiting jobs no thread time (an open breaker answers at once).
 */
@ApplicationScoped
public class SimilarMemories {

  private static final Logger LOG = Logger.getLogger(SimilarMemories.class);

  /** Where the candidate memory ids came from. */
  public enum Source {
    SEARCH_SERVICE,
    UNAVAILABLE
  }

  /** The ids of similar current memories (possibly none), and whether search-service answered. */
  public record Lookup(Source source, Set<UUID> ids) {
    static Lookup unavailable() {
      return new Lookup(Source.UNAVAILABLE, Set.of());
    }
  }

  /** The reason a job waiting for a busy search-service shows in its {@code error}. */
  public static final String BUSY = "search-service is busy (similar-memories lookup); retrying";

  /** search-service, or the pool we reach it through, is saturated: ask again shortly. */
  public static final class SaturatedException extends RuntimeException {
    SaturatedException(Throwable cause) {
      super(BUSY, cause);
    }
  }

  @Inject @RestClient SearchServiceApi search;
  @Inject ServiceCredentials credentials;
  @Inject MemoryConfig config;
  @Inject MeterRegistry registry;

  /**
   * Whether the last failed call timed out (search-service busy or stalled) rather than failed
   * (down, erroring): an open breaker then means "busy" and the job waits instead of falling back.
   * Successes leave it alone: the breaker opens on the share of failures in its window, whatever
   * the last call did.
   */
  private volatile boolean lastFailureTimedOut;

  /**
   * Similar memories of the user for the statements. Throws only when search-service is busy: a
   * {@link SaturatedException} (503, or our client pool full), the timeout's {@link
   * TimeoutException}, or {@link CircuitBreakerOpenException} when timeouts opened the breaker; the
   * caller makes the job wait. Every other failure, and a breaker that errors opened
   * (search-service down or failing), answers {@link Lookup#unavailable}.
   */
  @WithSpan("SimilarMemories.find")
  @Timeout(value = 2, unit = ChronoUnit.SECONDS)
  @CircuitBreaker(
      requestVolumeThreshold = 10,
      failureRatio = 0.5,
      delay = 15,
      delayUnit = ChronoUnit.SECONDS,
      skipOn = SaturatedException.class)
  @Fallback(fallbackMethod = "failed", skipOn = SaturatedException.class)
  public Lookup find(String tenant, String userId, List<String> texts) {
    if (texts.isEmpty()) {
      return new Lookup(Source.SEARCH_SERVICE, Set.of());
    }
    if (!credentials.available()) {
      throw new IllegalStateException("no service key: membank.identity.service-key.location");
    }
    List<String> bounded = texts.size() > 50 ? texts.subList(0, 50) : texts;
    SearchServiceApi.Response response;
    try {
      response =
          search.similar(
              "Bearer " + credentials.forTenant(tenant),
              new SearchServiceApi.Request(userId, bounded, config.similarPerFact()));
    } catch (RuntimeException e) {
      if (saturated(e)) {
        throw new SaturatedException(e);
      }
      throw e;
    }
    Set<UUID> ids = new LinkedHashSet<>();
    for (SearchServiceApi.Matches m : response.results()) {
      for (SearchServiceApi.Match match : m.memories()) {
        ids.add(UUID.fromString(match.id()));
      }
    }
    registry
        .counter(BusinessMetrics.SIMILAR_LOOKUPS, "source", BusinessMetrics.SOURCE_SEARCH_SERVICE)
        .increment();
    return new Lookup(Source.SEARCH_SERVICE, ids);
  }

  /** A 503 from search-service (its pools full) or our own client pool full. */
  private static boolean saturated(RuntimeException e) {
    if (e instanceof WebApplicationException w
        && w.getResponse() != null
        && w.getResponse().getStatus() == 503) {
      return true;
    }
    return Saturation.isSaturated(e);
  }

  /** The job waited as long as it may for a busy search-service: decide without it. */
  public Lookup gaveUpWaiting(String tenant, RuntimeException cause) {
    LOG.warnf("memory.similar.gave_up_waiting tenant=%s cause=%s", tenant, cause.toString());
    return unavailable(tenant, cause);
  }

  /**
   * The fallback: a timeout, or an open breaker whose last failure was one, is rethrown (the job
   * waits); anything else (search-service down or failing) answers {@link Lookup#unavailable}.
   */
  Lookup failed(String tenant, String userId, List<String> texts, Throwable cause) {
    if (cause instanceof TimeoutException timeout) {
      lastFailureTimedOut = true;
      throw timeout;
    }
    if (cause instanceof CircuitBreakerOpenException open) {
      if (lastFailureTimedOut) {
        throw open;
      }
    } else {
      lastFailureTimedOut = false;
    }
    return unavailable(tenant, cause);
  }

  /** Decide without search-service's answer, counted. */
  private Lookup unavailable(String tenant, Throwable cause) {
    registry
        .counter(BusinessMetrics.SIMILAR_LOOKUPS, "source", BusinessMetrics.SOURCE_UNAVAILABLE)
        .increment();
    LOG.debugf("memory.similar.unavailable tenant=%s cause=%s", tenant, cause.toString());
    return Lookup.unavailable();
  }
}
