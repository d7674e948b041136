package io.membank.cost.recommend.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.membank.cost.recommend.Recommendation.Apply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Applying cloud recommendations, and the cluster as the requests source, against the fabric8 mock
 * API server in CRUD mode (a real HTTP API).
 */
@EnableKubernetesMockClient(crud = true)
class ClusterChangesTest {

  static final String NS = "membank";
  static final String NAME = "memory-service-blue";

  KubernetesClient client;

  @BeforeEach
  void deploy() {
    client
        .persistentVolumeClaims()
        .inNamespace(NS)
        .resource(
            new PersistentVolumeClaimBuilder()
                .withNewMetadata()
                .withName("scratch")
                .withNamespace(NS)
                .endMetadata()
                .withNewSpec()
                .withNewResources()
                .addToRequests("storage", new Quantity("20Gi"))
                .endResources()
                .withStorageClassName("gp3")
                .endSpec()
                .build())
        .createOr(r -> r.update());
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .resource(
            new DeploymentBuilder()
                .withNewMetadata()
                .withName(NAME)
                .withNamespace(NS)
                .addToLabels("app.kubernetes.io/name", "memory-service")
                .endMetadata()
                .withNewSpec()
                .withReplicas(4)
                .withNewSelector()
                .addToMatchLabels("app", "memory-service")
                .endSelector()
                .withNewTemplate()
                .withNewMetadata()
                .addToLabels("app", "memory-service")
                .endMetadata()
                .withNewSpec()
                .addNewContainer()
                .withName("memory-service")
                .withImage("membank/memory-service:0.1.0")
                .withNewResources()
                .addToRequests("cpu", new Quantity("1"))
                .addToRequests("memory", new Quantity("2Gi"))
                .addToLimits("cpu", new Quantity("2"))
                .endResources()
                .endContainer()
                .addNewVolume()
                .withName("scratch")
                .withNewPersistentVolumeClaim()
                .withClaimName("scratch")
                .endPersistentVolumeClaim()
                .endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build())
        .createOr(r -> r.update());
  }

  private Deployment memory() {
    return client.apps().deployments().inNamespace(NS).withName(NAME).get();
  }

  @Test
  void aRightSizedCpuRequestIsSetOnTheFirstContainerAndTheLimitStays() {
    Map<String, Object> result =
        new ClusterChanges(client)
            .apply(new Apply("set_cpu_request", NS + "/Deployment/" + NAME, Map.of("cpu", "130m")));

    var resources =
        memory().getSpec().getTemplate().getSpec().getContainers().get(0).getResources();
    assertThat(resources.getRequests()).containsEntry("cpu", new Quantity("130m"));
    assertThat(resources.getRequests()).containsEntry("memory", new Quantity("2Gi"));
    assertThat(resources.getLimits()).containsEntry("cpu", new Quantity("2"));
    assertThat(result).containsEntry("cpu_before", "1").containsEntry("cpu_after", "130m");
  }

  @Test
  void idleReplicasAreScaledAway() {
    Map<String, Object> result =
        new ClusterChanges(client)
            .apply(new Apply("scale", NS + "/Deployment/" + NAME, Map.of("replicas", 2)));

    assertThat(memory().getSpec().getReplicas()).isEqualTo(2);
    assertThat(result).containsEntry("replicas_before", 4).containsEntry("replicas_after", 2);
  }

  @Test
  void aMissingDeploymentOrAnUnknownActionChangesNothing() {
    ClusterChanges changes = new ClusterChanges(client);

    assertThatThrownBy(
            () -> changes.apply(new Apply("scale", NS + "/Deployment/gone", Map.of("replicas", 1))))
        .isInstanceOf(ClusterChanges.NotApplicable.class);
    assertThatThrownBy(
            () -> changes.apply(new Apply("delete", NS + "/Deployment/" + NAME, Map.of())))
        .isInstanceOf(ClusterChanges.NotApplicable.class);
    assertThat(memory().getSpec().getReplicas()).isEqualTo(4);
  }

  @Test
  void theClusterAsRequestsSourceGivesReplicasRequestsAndVolumes() {
    List<Workload> workloads = KubernetesWorkloads.read(client, NS);

    assertThat(workloads).hasSize(1);
    Workload w = workloads.get(0);
    assertThat(w.service()).isEqualTo("memory-service");
    assertThat(w.deployment()).isEqualTo(NAME);
    assertThat(w.replicas()).isEqualTo(4);
    assertThat(w.cpuCores()).isEqualTo(1.0);
    assertThat(w.memoryBytes()).isEqualTo(2.0 * 1024 * 1024 * 1024);
    assertThat(w.volumes())
        .containsExactly(new Workload.Volume("scratch", 20.0 * 1024 * 1024 * 1024, "gp3"));
  }
}
