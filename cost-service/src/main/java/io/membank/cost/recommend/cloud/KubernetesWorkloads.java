package io.membank.cost.recommend.cloud;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Requests as the cluster has them: every Deployment of the namespace (service = its {@code
 * app.kubernetes.io/name} label), its first container's requests and the claims its pods mount.
 */
public final class KubernetesWorkloads {

  static final String NAME_LABEL = "app.kubernetes.io/name";

  private KubernetesWorkloads() {}

  public static List<Workload> read(KubernetesClient client, String namespace) {
    List<Workload> out = new ArrayList<>();
    for (Deployment d : client.apps().deployments().inNamespace(namespace).list().getItems()) {
      Map<String, String> labels = d.getMetadata().getLabels();
      String name = d.getMetadata().getName();
      String service =
          labels != null && labels.get(NAME_LABEL) != null ? labels.get(NAME_LABEL) : name;
      List<Container> containers = d.getSpec().getTemplate().getSpec().getContainers();
      Map<String, Quantity> requests =
          containers.isEmpty() || containers.get(0).getResources() == null
              ? Map.of()
              : containers.get(0).getResources().getRequests();
      List<Workload.Volume> volumes = new ArrayList<>();
      if (d.getSpec().getTemplate().getSpec().getVolumes() != null) {
        d.getSpec().getTemplate().getSpec().getVolumes().stream()
            .filter(v -> v.getPersistentVolumeClaim() != null)
            .map(v -> v.getPersistentVolumeClaim().getClaimName())
            .forEach(
                claim -> {
                  PersistentVolumeClaim pvc =
                      client.persistentVolumeClaims().inNamespace(namespace).withName(claim).get();
                  if (pvc != null && pvc.getSpec().getResources() != null) {
                    Quantity size = pvc.getSpec().getResources().getRequests().get("storage");
                    volumes.add(
                        new Workload.Volume(
                            claim,
                            size == null ? 0 : Quantity.getAmountInBytes(size).doubleValue(),
                            pvc.getSpec().getStorageClassName()));
                  }
                });
      }
      out.add(
          new Workload(
              service,
              name,
              d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas(),
              amount(requests, "cpu"),
              amount(requests, "memory"),
              List.copyOf(volumes)));
    }
    return out;
  }

  private static double amount(Map<String, Quantity> requests, String resource) {
    Quantity q = requests == null ? null : requests.get(resource);
    return q == null ? 0 : Quantity.getAmountInBytes(q).doubleValue();
  }
}
