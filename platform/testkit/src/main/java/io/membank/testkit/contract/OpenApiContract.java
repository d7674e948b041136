package io.membank.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Compares the OpenAPI document a service serves with the one checked into it ({@code
 * src/main/openapi/openapi.yaml}): an API change is a reviewed diff, never an accident. Run the
 * test with {@code -Dmembank.openapi.update=true} to rewrite the checked-in file.
 */
public final class OpenApiContract {

  /** Where each service keeps its reviewed OpenAPI document, relative to the module. */
  public static final Path CHECKED_IN = Path.of("src", "main", "openapi", "openapi.yaml");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private OpenApiContract() {}

  /** The tree of a YAML (or JSON) OpenAPI document. */
  public static JsonNode parse(String yaml) throws IOException {
    return YAML.readTree(yaml);
  }

  /** Asserts that the served YAML document equals the checked-in one (as trees, not text). */
  public static void assertMatchesCheckedIn(String servedYaml) throws IOException {
    if (Boolean.getBoolean("membank.openapi.update")) {
      Files.createDirectories(CHECKED_IN.getParent());
      Files.writeString(CHECKED_IN, servedYaml);
    }
    assertThat(CHECKED_IN)
        .as("checked-in OpenAPI document (create it with -Dmembank.openapi.update=true)")
        .exists();
    JsonNode served = YAML.readTree(servedYaml);
    JsonNode checkedIn = YAML.readTree(Files.readString(CHECKED_IN));
    assertThat(served)
        .as(
            "served OpenAPI differs from %s; review the change and rerun with"
                + " -Dmembank.openapi.update=true",
            CHECKED_IN)
        .isEqualTo(checkedIn);
  }
}
