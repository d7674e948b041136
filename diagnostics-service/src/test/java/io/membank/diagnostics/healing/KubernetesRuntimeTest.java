package io.membank.diagnostics.healing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.membank.diagnostics.knowledge.ActionType;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** KubernetesRuntime against the fabric8 mock API server in CRUD mode (a real HTTP API). */
@EnableKubernetesMockClient(crud = true)
class KubernetesRuntimeTest {

  static final String NS = "membank";

  KubernetesClient client;
  KubernetesRuntime runtime;

  @BeforeEach
  void deploy() {
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName("search-service")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .withNewSelector()
                .addToMatchLabels("app", "search-service")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "search-service")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("search-service")
                .withImage("membank/search-service:0.1.0")
                .withNewResources()
                .addToLimits("memory", new Quantity("512Mi"))
                .endResources()
                .endContainer()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .create();
    runtime = new KubernetesRuntime(client, NS, 1, 3);
  }

  private Deployment search() {
    return client.apps().deployments().inNamespace(NS).withName("search-service").get();
  }

  @Test
  void aRestartIsARollingRestartThroughThePodTemplateAnnotation() throws Exception {
    runtime.execute(ActionType.RESTART_SERVICE, "search-service", Map.of());

    assertThat(search().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey("kubectl.kubernetes.io/restartedAt");
    assertThat(search().getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void scaleStaysWithinBoundsAndRollsBackToThePreviousCount() throws Exception {
    Map<String, String> before =
        runtime.execute(ActionType.SCALE_DEPLOYMENT, "search-service", Map.of("delta", "5"));

    assertThat(search().getSpec().getReplicas()).isEqualTo(3);
    assertThat(before).containsEntry("replicas", "2");
    runtime.rollback(ActionType.SCALE_DEPLOYMENT, "search-service", before);
    assertThat(search().getSpec().getReplicas()).isEqualTo(2);
  }

  @Test
  void scalingBelowTheMinimumIsRefused() throws Exception {
    runtime.execute(ActionType.SCALE_DEPLOYMENT, "search-service", Map.of("delta", "-1"));

    assertThatThrownBy(
            () ->
                runtime.execute(
                    ActionType.SCALE_DEPLOYMENT, "search-service", Map.of("delta", "-1")))
        .isInstanceOf(Runtime.RuntimeActionException.class)
        .hasMessageContaining("blast radius");
    assertThat(search().getSpec().getReplicas()).isEqualTo(1);
  }

  @Test
  void resourcesArePatchedAndRestored() throws Exception {
    Map<String, String> before =
        runtime.execute(
            ActionType.ADJUST_RESOURCES, "search-service", Map.of("memory", "1Gi", "cpu", "2"));

    var limits =
        search()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst()
            .getResources()
            .getLimits();
    assertThat(limits)
        .containsEntry("memory", new Quantity("1Gi"))
        .containsEntry("cpu", new Quantity("2"));
    runtime.rollback(ActionType.ADJUST_RESOURCES, "search-service", before);
    var restored =
        search()
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .getFirst()
            .getResources()
            .getLimits();
    assertThat(restored).containsEntry("memory", new Quantity("512Mi")).doesNotContainKey("cpu");
  }

  @Test
  void aMissingDeploymentIsAnActionFailureNotACrash() {
    assertThatThrownBy(() -> runtime.execute(ActionType.RESTART_SERVICE, "nope-service", Map.of()))
        .isInstanceOf(Runtime.RuntimeActionException.class)
        .hasMessageContaining("no deployment nope-service");
  }
}
