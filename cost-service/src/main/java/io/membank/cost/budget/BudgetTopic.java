package io.membank.cost.budget;

import io.membank.contracts.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Makes sure {@code cost.budgets} is compacted (keeps the latest decision per tenant forever), so a
 * service that starts reads every tenant's current state from the beginning of the topic.
 */
@ApplicationScoped
public class BudgetTopic {

  private static final Logger LOG = Logger.getLogger(BudgetTopic.class);
  private static final long TIMEOUT_SECONDS = 10;

  private final Map<String, Object> kafkaConfig;
  private final String name;

  BudgetTopic(
      @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig,
      @ConfigProperty(name = "membank.kafka.topic-suffix") Optional<String> topicSuffix) {
    this.kafkaConfig = kafkaConfig;
    this.name = Topics.COST_BUDGETS + topicSuffix.orElse("");
  }

  /** The real topic name (with the test suffix, if any). */
  public String name() {
    return name;
  }

  void onStart(@Observes StartupEvent started) {
    try {
      ensureCompacted();
    } catch (RuntimeException e) {
      // Kafka down at start: decisions wait in the outbox; the next start makes the topic.
      LOG.warnf("budget.topic.unchecked topic=%s error=%s", name, e.getMessage());
    }
  }

  /** Creates the topic compacted, or sets compaction on an existing one. */
  public void ensureCompacted() {
    Map<String, Object> config = new HashMap<>(kafkaConfig);
    try (Admin admin = Admin.create(config)) {
      NewTopic topic =
          new NewTopic(name, Optional.empty(), Optional.empty())
              .configs(
                  Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
      try {
        admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        LOG.infof("budget.topic.created topic=%s cleanup.policy=compact", name);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException(e.getCause());
        }
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Collection<AlterConfigOp> ops =
            List.of(
                new AlterConfigOp(
                    new ConfigEntry(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT),
                    AlterConfigOp.OpType.SET));
        admin
            .incrementalAlterConfigs(Map.of(resource, ops))
            .all()
            .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("topic " + name + " not configured: " + e.getMessage(), e);
    }
  }

  /** The topic's cleanup policy as the broker reports it. */
  public String cleanupPolicy() {
    try (Admin admin = Admin.create(new HashMap<>(kafkaConfig))) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
      return admin
          .describeConfigs(List.of(resource))
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(resource)
          .get(TopicConfig.CLEANUP_POLICY_CONFIG)
          .value();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("topic " + name + " not described: " + e.getMessage(), e);
    }
  }
}
