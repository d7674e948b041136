package io.membank.diagnostics.support;

import io.membank.diagnostics.config.DiagnosticsConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The service's real {@code application.properties} mapped onto {@link DiagnosticsConfig}, with
 * per-test overrides: plain unit tests see exactly the defaults that ship.
 */
public final class TestConfig {

  private TestConfig() {}

  public static DiagnosticsConfig load(Map<String, String> overrides) {
    Properties shipped = new Properties();
    try (var in = TestConfig.class.getClassLoader().getResourceAsStream("application.properties")) {
      shipped.load(in);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
    Map<String, String> values = new HashMap<>();
    shipped.forEach(
        (k, v) -> {
          String key = k.toString();
          if (key.startsWith("membank.diagnostics.")) {
            values.put(key, v.toString());
          }
        });
    values.putAll(overrides);
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new MapBackedConfigSource("test", values, 500) {})
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(DiagnosticsConfig.class)
            .build();
    return config.getConfigMapping(DiagnosticsConfig.class);
  }

  public static DiagnosticsConfig defaults() {
    return load(Map.of());
  }
}
