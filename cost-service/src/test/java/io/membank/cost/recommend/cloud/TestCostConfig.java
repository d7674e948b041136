package io.membank.cost.recommend.cloud;

import io.membank.cost.config.CostConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.common.MapBackedConfigSource;
import java.time.Duration;
import java.util.Map;

/** {@link CostConfig} with its shipped defaults and per-test overrides, for plain unit tests. */
final class TestCostConfig {

  private TestCostConfig() {}

  static CostConfig load(Map<String, String> overrides) {
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withSources(new MapBackedConfigSource("test", overrides, 500) {})
            .withConverter(Duration.class, 100, new DurationConverter())
            .withMapping(CostConfig.class)
            .build();
    return config.getConfigMapping(CostConfig.class);
  }
}
