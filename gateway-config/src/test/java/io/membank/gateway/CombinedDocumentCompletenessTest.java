package io.membank.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.testkit.contract.OpenApiCompleteness;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The public document the gateway serves declares, for every operation, a success response with its
 * body schema and problem+json errors with the shared Problem schema, and describes every field
 * (the same check each service's ServiceSurfaceTest makes on its own document; here after the
 * merge, which must not lose or rename any of it).
 */
class CombinedDocumentCompletenessTest {

  @Test
  void everyOperationAndFieldOfThePublicDocumentIsDocumented() throws Exception {
    var document =
        new ObjectMapper().readTree(Files.readString(GatewayDir.dir().resolve(OpenApiMerger.FILE)));
    assertThat(OpenApiCompleteness.gaps(document)).isEmpty();
    assertThat(document.path("components").path("schemas").has("Problem"))
        .as("one shared Problem schema")
        .isTrue();
    assertThat(document.path("components").path("schemas").properties())
        .as("no service-specific copy of Problem (the merger renames differing copies)")
        .noneMatch(e -> e.getKey().endsWith("Problem") && !e.getKey().equals("Problem"));
  }
}
