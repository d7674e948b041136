package io.membank.governance.export.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** Where subject exports are written, how sources are read, and how the runner claims work. */
@ConfigMapping(prefix = "membank.governance.export")
public interface ExportConfig {

  /** The directory bundles are written to (one zip per export). */
  String dir();

  /**
   * The sources a bundle holds, by name (memories, graph, audit, usage): a source joins once its
   * service serves the internal export endpoint.
   */
  @WithDefault("memories,usage")
  List<String> sources();

  /** How many records one request to a source asks for. */
  @WithDefault("500")
  int pageSize();

  /** How long a replica holds an export it works on before another may take it over. */
  @WithDefault("PT2M")
  Duration lease();

  /** How often the runner looks for exports to work on (a Quarkus scheduler interval). */
  @WithDefault("2s")
  String tick();

  /** How long one request to a source may take. */
  @WithDefault("PT30S")
  Duration requestTimeout();
}
