package io.membank.cost.recommend.cloud;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.membank.cost.recommend.Recommendation.Apply;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries out a low-risk cloud recommendation through the Kubernetes API: a new CPU request on a
 * Deployment's first container, or a replica count. Answers what it was and what it is now.
 */
public class ClusterChanges {

  /** The action cannot be carried out (unknown, or its Deployment is gone). */
  public static class NotApplicable extends RuntimeException {
    NotApplicable(String message) {
      super(message);
    }
  }

  private final KubernetesClient client;

  public ClusterChanges(KubernetesClient client) {
    this.client = client;
  }

  /** Applies the action; the before and after values. */
  public Map<String, Object> apply(Apply apply) {
    String[] target = apply.target().split("/", 3);
    if (target.length != 3 || !target[1].equals("Deployment")) {
      throw new NotApplicable("not a Deployment: " + apply.target());
    }
    var deployment = client.apps().deployments().inNamespace(target[0]).withName(target[2]);
    Deployment current = deployment.get();
    if (current == null) {
      throw new NotApplicable("no Deployment " + apply.target());
    }
    Map<String, Object> result = new LinkedHashMap<>();
    switch (apply.action()) {
      case "set_cpu_request" -> {
        String cpu = apply.parameters().get("cpu").toString();
        Container first = current.getSpec().getTemplate().getSpec().getContainers().get(0);
        Quantity before =
            first.getResources() == null || first.getResources().getRequests() == null
                ? null
                : first.getResources().getRequests().get("cpu");
        deployment.edit(
            d -> {
              Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
              ResourceRequirements resources =
                  c.getResources() == null ? new ResourceRequirements() : c.getResources();
              Map<String, Quantity> requests =
                  resources.getRequests() == null
                      ? new HashMap<>()
                      : new HashMap<>(resources.getRequests());
              requests.put("cpu", new Quantity(cpu));
              resources.setRequests(requests);
              c.setResources(resources);
              return d;
            });
        result.put("cpu_before", before == null ? null : before.toString());
        result.put("cpu_after", cpu);
      }
      case "scale" -> {
        int replicas = Integer.parseInt(apply.parameters().get("replicas").toString());
        result.put("replicas_before", current.getSpec().getReplicas());
        deployment.scale(replicas);
        result.put("replicas_after", replicas);
      }
      default -> throw new NotApplicable("unknown action " + apply.action());
    }
    return result;
  }
}
