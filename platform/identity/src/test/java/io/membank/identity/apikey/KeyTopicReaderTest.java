package io.membank.identity.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.ApiKeyRecord;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** How records of identity.keys change the directory, unreadable ones included. */
class KeyTopicReaderTest {

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final String KEY_ID = "k3y1d0000000abcd";

  private final ApiKeyDirectory directory = new ApiKeyDirectory(Duration.ofMinutes(5), 100);
  private final KeyTopicReader reader =
      new KeyTopicReader(
          directory,
          new Defaults(),
          Optional.empty(),
          Optional.of(".t"),
          "test-service",
          new io.smallrye.config.SmallRyeConfigBuilder().build());

  /** The defaults of {@link ApiKeyConfig}. */
  private static final class Defaults implements ApiKeyConfig {
    @Override
    public boolean enabled() {
      return true;
    }

    @Override
    public Duration verificationCacheTtl() {
      return Duration.ofMinutes(5);
    }

    @Override
    public int verificationCacheSize() {
      return 100;
    }

    @Override
    public Duration pollTimeout() {
      return Duration.ofMillis(500);
    }

    @Override
    public Duration retryInterval() {
      return Duration.ofSeconds(2);
    }

    @Override
    public Duration lastUsedFlushInterval() {
      return Duration.ofSeconds(30);
    }
  }

  private static String event(ApiKeyRecord key) throws Exception {
    return JSON.writeValueAsString(
        CloudEvent.of(EventTypes.IDENTITY_KEY_PUBLISHED, "/test", key.keyId(), "acme", key));
  }

  private static ApiKeyRecord key(String id) {
    return new ApiKeyRecord(id, "acme", 1, List.of("reader"), null, null, null, false, List.of());
  }

  private static ConsumerRecord<String, String> record(String key, String value) {
    return new ConsumerRecord<>("identity.keys.t", 0, 0, key, value);
  }

  @Test
  void aRecordAddsItsKeyAndATombstoneRemovesIt() throws Exception {
    reader.apply(record(KEY_ID, event(key(KEY_ID))));
    assertThat(directory.size()).isEqualTo(1);

    reader.apply(record(KEY_ID, null));
    assertThat(directory.size()).isZero();
  }

  @Test
  void unreadableRecordsAreSkippedWithoutStoppingTheReader() throws Exception {
    reader.apply(record(KEY_ID, "{not json"));
    reader.apply(record(KEY_ID, "{\"specversion\":\"1.0\"}"));
    reader.apply(record(null, event(key(KEY_ID))));
    // A record filed under another key id must not define this one.
    reader.apply(record(KEY_ID, event(key("otherkey00000000"))));
    assertThat(directory.size()).isZero();

    reader.apply(record(KEY_ID, event(key(KEY_ID))));
    assertThat(directory.size()).isEqualTo(1);
  }
}
