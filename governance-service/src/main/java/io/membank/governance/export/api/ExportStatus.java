package io.membank.governance.export.api;

import io.membank.governance.export.service.Source;
import io.membank.governance.export.store.ExportStore.Export;
import io.membank.governance.export.store.ExportStore.Progress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A subject export's state, as the export API answers it. */
public record ExportStatus(
    @Schema(description = "The export's id", example = "5f0c8a3e-2b7d-4f7e-9a51-0c1d2e3f4a5b")
        String exportId,
    @Schema(description = "The data subject (user id) exported", example = "alice") String userId,
    @Schema(description = "running, done or failed", example = "done") String status,
    @Schema(
            description = "Why a failed export failed; null otherwise",
            example = "memory-service answered 503 for memories",
            nullable = true)
        String statusReason,
    @Schema(description = "Who asked for it (the caller's subject)", example = "admin-1")
        String requestedBy,
    @Schema(description = "When it was asked for", example = "2026-12-04T10:00:00Z")
        Instant requestedAt,
    @Schema(
            description = "When it finished; null while running",
            example = "2026-12-04T10:00:09Z",
            nullable = true)
        Instant completedAt,
    @Schema(description = "Per source: records written so far and the total the source announced")
        List<SourceProgress> progress,
    @Schema(
            description = "The bundle's size in bytes once done",
            example = "18234",
            nullable = true)
        Long bundleBytes,
    @Schema(
            description = "SHA-256 of the bundle's manifest.json once done",
            example = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            nullable = true)
        String manifestSha256,
    @Schema(
            description = "Where to download the bundle (a zip) once done",
            example = "/api/v1/governance/exports/5f0c8a3e-2b7d-4f7e-9a51-0c1d2e3f4a5b/bundle")
        String bundleUrl) {

  /** One source's progress. */
  public record SourceProgress(
      @Schema(description = "The source (and file of the bundle)", example = "memories")
          String source,
      @Schema(description = "Records written", example = "500") long done,
      @Schema(description = "Records the source holds; -1 until it said", example = "1200")
          long total) {}

  static ExportStatus of(Export e, List<Source> sources) {
    List<SourceProgress> progress = new ArrayList<>();
    for (Source s : sources) {
      Progress p = e.progress().get(s.name());
      progress.add(
          new SourceProgress(s.name(), p == null ? 0 : p.done(), p == null ? -1 : p.total()));
    }
    return new ExportStatus(
        e.id().toString(),
        e.subject(),
        e.status(),
        e.statusReason(),
        e.requestedBy(),
        e.requestedAt(),
        e.completedAt(),
        progress,
        e.bundleBytes(),
        e.manifestSha256(),
        "/api/v1/governance/exports/" + e.id() + "/bundle");
  }
}
