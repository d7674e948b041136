package io.membank.governance.scan.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A text to scan; at most 64 KiB characters (a memory's content is far smaller). */
public record ScanRequest(
    @Schema(description = "The text to scan (not stored)", example = "Mail me at alice@example.com")
        @NotNull
        @Size(max = ScanRequest.MAX_CHARS)
        String text) {

  public static final int MAX_CHARS = 65_536;
}
