package io.membank.governance.policy.events;

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
 * Creates {@code governance.policies} as a compacted topic before anything is published to it (an
 * auto-created topic would delete old records by age, and a consumer starting later would miss the
 * policies of tenants that have not changed theirs since).
 */
@ApplicationScoped
public class PolicyTopic {

  private static final Logger LOG = Logger.getLogger(PolicyTopic.class);

  private final Map<String, Object> kafkaConfig;
  private final String name;

  public PolicyTopic(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix) {
    this.kafkaConfig = kafkaConfig;
    this.name = Topics.GOVERNANCE_POLICIES + topicSuffix.orElse("");
  }

  void onStart(@Observes StartupEvent start) {
    NewTopic topic =
        new NewTopic(name, Optional.empty(), Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
    try (AdminClient admin = AdminClient.create(kafkaConfig)) {
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
