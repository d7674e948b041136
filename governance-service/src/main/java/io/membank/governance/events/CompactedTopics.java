package io.membank.governance.events;

import io.membank.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the compacted topics this service publishes — {@code governance.policies} and {@code
 * identity.keys} — before anything is published to them (an auto-created topic would delete old
 * records by age, and a consumer starting later would miss the policies and API keys that have not
 * changed since).
 */
@ApplicationScoped
public class CompactedTopics {

  /** The compacted topics of this service (without the environment's suffix). */
  public static final List<String> TOPICS =
      List.of(Topics.GOVERNANCE_POLICIES, Topics.IDENTITY_KEYS);

  private static final Logger LOG = Logger.getLogger(CompactedTopics.class);

  private final Map<String, Object> kafkaConfig;
  private final String suffix;

  public CompactedTopics(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix) {
    this.kafkaConfig = kafkaConfig;
    this.suffix = topicSuffix.orElse("");
  }

  void onStart(@Observes StartupEvent start) {
    try (AdminClient admin = AdminClient.create(kafkaConfig)) {
      for (String topic : TOPICS) {
        create(admin, topic + suffix);
      }
    }
  }

  private static void create(AdminClient admin, String name) {
    NewTopic topic =
        new NewTopic(name, Optional.empty(), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try {
      admin.createTopics(List.of(topic)).all().get(10, TimeUnit.SECONDS);
      LOG.infof("created compacted topic %s", name);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        LOG.warnf("could not create %s (%s): create it compacted by hand", name, e.getCause());
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warnf("could not create %s (%s): create it compacted by hand", name, e);
    }
  }
}
