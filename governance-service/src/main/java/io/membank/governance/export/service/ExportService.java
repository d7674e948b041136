package io.membank.governance.export.service;

import io.membank.contracts.AuditEvent;
import io.membank.governance.audit.AuditTrail;
import io.membank.governance.export.config.ExportConfig;
import io.membank.governance.export.store.ExportStore;
import io.membank.governance.export.store.ExportStore.Export;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A data subject's export (issue 17, "what do you hold about this person?"): started by an admin
 * (idempotent while one runs), written by {@link #runNext()} on whichever replica claims it, the
 * bundle kept under {@code membank.governance.export.dir}.
 */
@ApplicationScoped
public class ExportService {

  private static final Logger LOG = Logger.getLogger(ExportService.class);

  /** Who asks. */
  public record Requester(String tenant, String subject, Set<String> roles) {}

  /** An export and whether this request created it. */
  public record View(Export export, boolean created) {}

  private final ExportStore store;
  private final AuditTrail audit;
  private final BundleWriter writer;
  private final SourceClient sources;
  private final ExportConfig config;
  private final Clock clock;

  public ExportService(
      ExportStore store,
      AuditTrail audit,
      BundleWriter writer,
      SourceClient sources,
      ExportConfig config,
      Clock clock) {
    this.store = store;
    this.audit = audit;
    this.writer = writer;
    this.sources = sources;
    this.config = config;
    this.clock = clock;
  }

  /** Starts the subject's export, or returns the one running for it. */
  @Transactional
  @WithSpan("ExportService.start")
  public View start(Requester by, String subject) {
    Optional<Export> running = store.runningFor(by.tenant(), subject);
    if (running.isPresent()) {
      return new View(running.get(), false);
    }
    UUID id = UUID.randomUUID();
    if (!store.insert(id, by.tenant(), subject, by.subject(), clock.instant())) {
      return new View(store.runningFor(by.tenant(), subject).orElseThrow(), false);
    }
    audit.record(
        by.tenant(),
        by.subject(),
        by.roles(),
        AuditEvent.Action.EXPORT,
        new AuditEvent.Resource("subject-export", id.toString(), subject),
        Map.of("status", "requested"));
    return new View(store.find(by.tenant(), id).orElseThrow(), true);
  }

  /** An export of the tenant. */
  public Optional<Export> find(String tenant, UUID id) {
    return store.find(tenant, id);
  }

  /** The sources bundles hold. */
  public List<Source> sources() {
    return Source.named(config.sources());
  }

  /** Where an export's bundle is (or will be). */
  public Path bundle(UUID id) {
    return Path.of(config.dir()).resolve(id + ".zip");
  }

  /**
   * Claims one running export nobody works on and writes its bundle; false when there was none. A
   * failure of a source marks the export failed with the reason (ask again to retry).
   */
  @WithSpan("ExportService.runNext")
  public boolean runNext() {
    Instant now = clock.instant();
    Optional<Export> claimed =
        QuarkusTransaction.requiringNew().call(() -> store.claim(now, now.plus(config.lease())));
    if (claimed.isEmpty()) {
      return false;
    }
    Export e = claimed.get();
    try {
      BundleWriter.Bundle bundle =
          writer.write(
              new BundleWriter.Job(e.id().toString(), e.tenantId(), e.subject(), now),
              sources(),
              (source, cursor) -> sources.page(source, e.tenantId(), e.subject(), cursor),
              bundle(e.id()),
              progress ->
                  QuarkusTransaction.requiringNew()
                      .run(
                          () ->
                              store.progress(
                                  e.id(), progress, clock.instant().plus(config.lease()))));
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                store.done(e.id(), bundle.bytes(), bundle.manifestSha256(), clock.instant());
                audit.record(
                    e.tenantId(),
                    "service:governance-service",
                    Set.of(),
                    AuditEvent.Action.EXPORT,
                    new AuditEvent.Resource("subject-export", e.id().toString(), e.subject()),
                    Map.of("status", "done", "manifest_sha256", bundle.manifestSha256()));
              });
      LOG.infof("export %s done: %d bytes", e.id(), bundle.bytes());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      fail(e, "interrupted");
    } catch (Exception ex) {
      LOG.warnf(ex, "export %s failed", e.id());
      fail(e, ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage());
    }
    return true;
  }

  private void fail(Export e, String reason) {
    try {
      Files.deleteIfExists(bundle(e.id()));
    } catch (java.io.IOException ignored) {
      // A partial file is never served: only a done export's bundle is.
    }
    QuarkusTransaction.requiringNew().run(() -> store.failed(e.id(), reason, clock.instant()));
  }
}
