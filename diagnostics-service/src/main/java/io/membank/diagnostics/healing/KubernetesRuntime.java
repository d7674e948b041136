package io.membank.diagnostics.healing;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.membank.diagnostics.knowledge.ActionType;
import java.util.HashMap;
import java.util.Map;

/**
 * Heals through the Kubernetes API (fabric8): rolling restart (the restartedAt annotation on the
 * pod template, what {@code kubectl rollout restart} does), scale within [min, max], and patches of
 * the first container's resource limits. Services are Deployments named after them.
 */
public class KubernetesRuntime implements Runtime {

  private final KubernetesClient client;
  private final String namespace;
  private final int minReplicas;
  private final int maxReplicas;

  public KubernetesRuntime(
      KubernetesClient client, String namespace, int minReplicas, int maxReplicas) {
    this.client = client;
    this.namespace = namespace;
    this.minReplicas = minReplicas;
    this.maxReplicas = maxReplicas;
  }

  @Override
  public String name() {
    return "kubernetes";
  }

  @Override
  public boolean supports(ActionType type) {
    return type == ActionType.RESTART_SERVICE
        || type == ActionType.SCALE_DEPLOYMENT
        || type == ActionType.ADJUST_RESOURCES;
  }

  @Override
  public Map<String, String> execute(ActionType type, String service, Map<String, String> params)
      throws RuntimeActionException {
    Deployment current = current(service);
    try {
      return switch (type) {
        case RESTART_SERVICE -> {
          deployment(service).rolling().restart();
          yield Map.of();
        }
        case SCALE_DEPLOYMENT -> {
          int before = replicas(current);
          int delta = Integer.parseInt(params.getOrDefault("delta", "1"));
          int after = Math.max(minReplicas, Math.min(maxReplicas, before + delta));
          if (after == before) {
            throw new RuntimeActionException(
                "blast radius: "
                    + service
                    + " stays at "
                    + before
                    + " replicas (bounds "
                    + minReplicas
                    + ".."
                    + maxReplicas
                    + ")");
          }
          setReplicas(service, after);
          yield Map.of("replicas", Integer.toString(before));
        }
        case ADJUST_RESOURCES -> adjustResources(service, current, params);
        default -> throw new RuntimeActionException(type.key() + " is not a Kubernetes action");
      };
    } catch (KubernetesClientException | NumberFormatException e) {
      throw new RuntimeActionException(
          type.key() + " on " + service + " failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void rollback(ActionType type, String service, Map<String, String> previous)
      throws RuntimeActionException {
    try {
      switch (type) {
        case SCALE_DEPLOYMENT -> setReplicas(service, Integer.parseInt(previous.get("replicas")));
        case ADJUST_RESOURCES -> adjustResources(service, current(service), previous);
        default -> throw new RuntimeActionException(type.key() + " cannot be rolled back");
      }
    } catch (KubernetesClientException e) {
      throw new RuntimeActionException("rollback on " + service + " failed: " + e.getMessage(), e);
    }
  }

  private Map<String, String> adjustResources(
      String service, Deployment current, Map<String, String> params) {
    var container = current.getSpec().getTemplate().getSpec().getContainers().getFirst();
    ResourceRequirements resources =
        container.getResources() == null ? new ResourceRequirements() : container.getResources();
    Map<String, Quantity> limits =
        resources.getLimits() == null ? new HashMap<>() : new HashMap<>(resources.getLimits());
    Map<String, String> before = new HashMap<>();
    for (String resource : new String[] {"cpu", "memory"}) {
      if (params.containsKey(resource)) {
        Quantity old = limits.get(resource);
        before.put(resource, old == null ? "" : old.toString());
        if (params.get(resource).isEmpty()) {
          limits.remove(resource);
        } else {
          limits.put(resource, new Quantity(params.get(resource)));
        }
      }
    }
    deployment(service)
        .edit(
            d -> {
              var c = d.getSpec().getTemplate().getSpec().getContainers().getFirst();
              if (c.getResources() == null) {
                c.setResources(new ResourceRequirements());
              }
              c.getResources().setLimits(limits);
              return d;
            });
    return before;
  }

  private void setReplicas(String service, int replicas) {
    deployment(service)
        .edit(
            d -> {
              d.getSpec().setReplicas(replicas);
              return d;
            });
  }

  private static int replicas(Deployment d) {
    Integer r = d.getSpec().getReplicas();
    return r == null ? 1 : r;
  }

  private Deployment current(String service) throws RuntimeActionException {
    Deployment d = deployment(service).get();
    if (d == null) {
      throw new RuntimeActionException("no deployment " + service + " in namespace " + namespace);
    }
    return d;
  }

  private RollableScalableResource<Deployment> deployment(String service) {
    return client.apps().deployments().inNamespace(namespace).withName(service);
  }
}
