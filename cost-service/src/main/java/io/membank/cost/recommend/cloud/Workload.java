package io.membank.cost.recommend.cloud;

import java.util.List;

/**
 * What a deployment asks the cluster for, and its volumes.
 *
 * @param service the service (Prometheus' {@code service} label)
 * @param deployment the Kubernetes Deployment's name
 * @param replicas replicas configured
 * @param cpuCores CPU requested per replica
 * @param memoryBytes memory requested per replica
 * @param volumes persistent volumes it owns
 */
public record Workload(
    String service,
    String deployment,
    int replicas,
    double cpuCores,
    double memoryBytes,
    List<Volume> volumes) {

  /** A persistent volume claim and its size. */
  public record Volume(String claim, double sizeBytes, String storageClass) {}
}
