package io.membank.http;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Test-only fault switches for {@code bin/membank chaos} (issue 19): a burst of 5xx answers on the
 * public API, a heap leak, and a stalled Kafka consumer ({@link ConsumerStall}, where the service
 * has one). Each is turned on for a bounded time through the management interface (never routed by
 * the gateway, bound to loopback locally):
 *
 * <pre>
 * POST   /q/faults/errors?ratio=1.0&amp;seconds=90      answer 500 to that share of /api/ requests
 * POST   /q/faults/leak?mib=4&amp;max_mib=200&amp;seconds=300 keep MiB/s of heap, full GC every 5 s
 * POST   /q/faults/stall?channel=C&amp;seconds=120       pause the Kafka consumer of channel C
 * GET    /q/faults                                  what is on
 * DELETE /q/faults                                  everything off, the leak released
 * </pre>
 *
 * <p>Off by default ({@code membank.http.faults.enabled=false}): the routes do not exist then.
 * Turning them on also needs the {@value #PROFILE} configuration profile active ({@code
 * QUARKUS_PROFILE=prod,chaos}); with the prod profile alone a service with the switch on refuses to
 * start, so a production deployment cannot enable them by one property.
 */
@ApplicationScoped
public class FaultSwitches {

  private static final Logger LOG = Logger.getLogger(FaultSwitches.class);

  /** The configuration profile the switches need. */
  public static final String PROFILE = "chaos";

  private static final int MIB = 1024 * 1024;

  /** Pauses and resumes a Kafka consumer by channel; provided where a service has consumers. */
  public interface ConsumerStall {
    /** Pauses the channel's consumer; false when the service has no such channel. */
    boolean pause(String channel);

    /** Resumes it. */
    void resume(String channel);
  }

  private final HttpConfig config;
  private final Instance<ConsumerStall> stalls;
  private final ScheduledExecutorService timer;
  private final List<byte[]> leaked = new ArrayList<>();
  private volatile double errorRatio;
  private volatile Instant errorsUntil = Instant.EPOCH;
  private ScheduledFuture<?> leak;
  private String stalledChannel;
  private ScheduledFuture<?> stallEnd;

  FaultSwitches(HttpConfig config, Instance<ConsumerStall> stalls) {
    this.config = config;
    this.stalls = stalls;
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "membank-fault-switches");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Why the switches may not be on, or null when they may: on only with the {@value #PROFILE}
   * profile among the active ones.
   */
  static String refusal(boolean enabled, List<String> profiles) {
    if (enabled && !profiles.contains(PROFILE)) {
      return "membank.http.faults.enabled=true needs the '"
          + PROFILE
          + "' configuration profile (QUARKUS_PROFILE=prod,"
          + PROFILE
          + "); active: "
          + profiles
          + ". Fault switches are for bin/membank chaos, never for production.";
    }
    return null;
  }

  void check(@Observes StartupEvent event) {
    String why = refusal(config.faults().enabled(), ConfigUtils.getProfiles());
    if (why != null) {
      throw new IllegalStateException(why);
    }
    if (config.faults().enabled()) {
      LOG.warn("http.faults.enabled: test-only fault switches on /q/faults (bin/membank chaos)");
    }
  }

  void errorFilter(@Observes Router router) {
    if (!config.faults().enabled()) {
      return;
    }
    router
        .route("/api/*")
        .order(Integer.MIN_VALUE + 1)
        .handler(
            rc -> {
              if (Instant.now().isBefore(errorsUntil)
                  && ThreadLocalRandom.current().nextDouble() < errorRatio) {
                rc.response()
                    .setStatusCode(500)
                    .putHeader("Content-Type", Problem.MEDIA_TYPE)
                    .end(
                        "{\"type\":\"https://membank.io/problems/internal\",\"title\":\"Internal"
                            + " error\",\"status\":500,\"detail\":\"Injected fault (bin/membank"
                            + " chaos)\"}");
                return;
              }
              rc.next();
            });
  }

  void routes(@Observes ManagementInterface management) {
    if (!config.faults().enabled()) {
      return;
    }
    Router r = management.router();
    r.post("/q/faults/errors").handler(this::errors);
    r.post("/q/faults/leak").handler(this::leak);
    r.post("/q/faults/stall").handler(this::stall);
    r.get("/q/faults").handler(rc -> state(rc, 200));
    r.delete("/q/faults").handler(this::clear);
  }

  private void errors(RoutingContext rc) {
    double ratio = number(rc, "ratio", 1.0);
    long seconds = (long) number(rc, "seconds", 60);
    if (ratio < 0 || ratio > 1 || seconds < 1) {
      bad(rc, "ratio must be 0..1 and seconds at least 1");
      return;
    }
    errorRatio = ratio;
    errorsUntil = Instant.now().plusSeconds(seconds);
    LOG.warnf("http.faults.errors ratio=%.2f seconds=%d", ratio, seconds);
    state(rc, 202);
  }

  private synchronized void leak(RoutingContext rc) {
    int perSecond = (int) number(rc, "mib", 4);
    long max = (long) number(rc, "max_mib", Runtime.getRuntime().maxMemory() * 0.8 / MIB);
    long seconds = (long) number(rc, "seconds", 300);
    if (perSecond < 1 || max < 1 || seconds < 1) {
      bad(rc, "mib, max_mib and seconds must be at least 1");
      return;
    }
    stopLeak(false);
    Instant end = Instant.now().plusSeconds(seconds);
    leak = timer.scheduleAtFixedRate(() -> leakTick(perSecond, max, end), 0, 1, TimeUnit.SECONDS);
    LOG.warnf("http.faults.leak mib_per_second=%d max_mib=%d seconds=%d", perSecond, max, seconds);
    state(rc, 202);
  }

  private synchronized void leakTick(int perSecond, long max, Instant end) {
    if (Instant.now().isAfter(end)) {
      stopLeak(true);
      return;
    }
    for (int i = 0; i < perSecond && leaked.size() < max; i++) {
      leaked.add(new byte[MIB]);
    }
    // Heap after GC is what a leak detector watches: a full collection every 5 s keeps it current.
    if (Instant.now().getEpochSecond() % 5 == 0) {
      System.gc();
    }
  }

  private synchronized void stopLeak(boolean release) {
    if (leak != null) {
      leak.cancel(false);
      leak = null;
    }
    if (release) {
      leaked.clear();
    }
  }

  private synchronized void stall(RoutingContext rc) {
    String channel = rc.queryParams().get("channel");
    long seconds = (long) number(rc, "seconds", 120);
    if (channel == null || channel.isBlank() || seconds < 1) {
      bad(rc, "channel is required and seconds must be at least 1");
      return;
    }
    if (!stalls.isResolvable() || !stalls.get().pause(channel)) {
      bad(rc, "this service has no Kafka consumer channel '" + channel + "'");
      return;
    }
    if (stallEnd != null) {
      stallEnd.cancel(false);
    }
    stalledChannel = channel;
    stallEnd = timer.schedule(this::resume, seconds, TimeUnit.SECONDS);
    LOG.warnf("http.faults.stall channel=%s seconds=%d", channel, seconds);
    state(rc, 202);
  }

  private synchronized void resume() {
    if (stalledChannel != null) {
      stalls.get().resume(stalledChannel);
      LOG.warnf("http.faults.stall_over channel=%s", stalledChannel);
      stalledChannel = null;
    }
  }

  private void clear(RoutingContext rc) {
    errorsUntil = Instant.EPOCH;
    synchronized (this) {
      stopLeak(true);
      if (stallEnd != null) {
        stallEnd.cancel(false);
      }
      resume();
    }
    System.gc();
    LOG.warn("http.faults.cleared");
    state(rc, 200);
  }

  private synchronized void state(RoutingContext rc, int status) {
    long errorsLeft = Math.max(0, Duration.between(Instant.now(), errorsUntil).toSeconds());
    String body =
        String.format(
            Locale.ROOT,
            "{\"errors\":{\"ratio\":%.2f,\"seconds_left\":%d},\"leak\":{\"running\":%b,"
                + "\"held_mib\":%d},\"stall\":{\"channel\":%s}}",
            errorsLeft > 0 ? errorRatio : 0.0,
            errorsLeft,
            leak != null,
            leaked.size(),
            stalledChannel == null ? "null" : "\"" + stalledChannel + "\"");
    rc.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
  }

  private static double number(RoutingContext rc, String name, double fallback) {
    String value = rc.queryParams().get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void bad(RoutingContext rc, String detail) {
    rc.response()
        .setStatusCode(400)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .end(
            "{\"type\":\"https://membank.io/problems/invalid-parameter\",\"title\":\"Invalid"
                + " fault\",\"status\":400,\"detail\":\""
                + detail.replace("\"", "'")
                + "\"}");
  }
}
