package io.membank.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaSettingsTest {

  @Test
  void theKeyReaderGetsEveryKafkaClientSettingOfTheServiceSoSaslReachesIt() {
    var config =
        new SmallRyeConfigBuilder()
            .withSources(
                new PropertiesConfigSource(
                    Map.of(
                        "kafka.bootstrap.servers", "b-1.msk:9098",
                        "kafka.security.protocol", "SASL_SSL",
                        "kafka.sasl.mechanism", "AWS_MSK_IAM",
                        "quarkus.kafka.health.enabled", "true",
                        "membank.kafka.topic-suffix", "-t"),
                    "test",
                    100))
            .build();

    assertThat(KeyTopicReader.kafkaSettings(config))
        .containsEntry("bootstrap.servers", "b-1.msk:9098")
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "AWS_MSK_IAM")
        .doesNotContainKeys("health.enabled", "topic-suffix", "kafka.health.enabled");
  }
}
