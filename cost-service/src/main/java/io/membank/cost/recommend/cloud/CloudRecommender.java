package io.membank.cost.recommend.cloud;

import io.membank.cost.config.CostConfig;
import io.membank.cost.recommend.Recommendation;
import io.membank.cost.recommend.Recommendation.Apply;
import io.membank.cost.recommend.Recommendation.CloudType;
import io.membank.cost.recommend.Recommendation.Evidence;
import io.membank.cost.recommend.Recommendation.Kind;
import io.membank.cost.recommend.Recommendation.Risk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Cloud savings: each workload's requests (Helm values or the cluster) against its p95 usage in
 * Prometheus, priced with the checked-in catalogue. Usage is summed over the instances Prometheus
 * scrapes; a per-replica figure is that sum over the instances seen.
 */
public class CloudRecommender {

  /** A query that was run and what it answered. */
  private record Measured(String promql, OptionalDouble value) {}

  private final CostConfig.Cloud config;
  private final CloudPrices prices;
  private final PrometheusReader prometheus;

  public CloudRecommender(
      CostConfig.Cloud config, CloudPrices prices, PrometheusReader prometheus) {
    this.config = config;
    this.prices = prices;
    this.prometheus = prometheus;
  }

  /** Every cloud recommendation for the workloads, unsorted. */
  public List<Recommendation> recommend(List<Workload> workloads)
      throws IOException, InterruptedException {
    List<Recommendation> out = new ArrayList<>();
    for (Workload w : workloads) {
      recommend(w, out);
    }
    return out;
  }

  private void recommend(Workload w, List<Recommendation> out)
      throws IOException, InterruptedException {
    CostConfig.Queries q = config.queries();
    Measured cpu = measure(q.cpuP95(), w.service());
    Measured memory = measure(q.memoryP95(), w.service());
    Measured rate = measure(q.requestRateMax(), w.service());
    Measured up = measure(q.instances(), w.service());
    if (cpu.value().isEmpty() && memory.value().isEmpty()) {
      return; // Prometheus has no usage of it: nothing to compare the requests with
    }
    int instances = (int) Math.max(1, up.value().orElse(1));
    List<String> queries = List.of(cpu.promql(), memory.promql(), rate.promql(), up.promql());
    Map<String, Object> base = new LinkedHashMap<>();
    base.put("deployment", w.deployment());
    base.put("replicas", w.replicas());
    base.put("instances_observed", instances);
    base.put("cpu_request_cores", round(w.cpuCores()));
    base.put("cpu_p95_cores", cpu.value().isPresent() ? round(cpu.value().getAsDouble()) : null);
    base.put("memory_request_bytes", (long) w.memoryBytes());
    base.put(
        "memory_p95_bytes",
        memory.value().isPresent() ? (long) memory.value().getAsDouble() : null);
    base.put(
        "requests_per_second_max",
        rate.value().isPresent() ? round(rate.value().getAsDouble()) : null);
    base.put("headroom", config.headroom());

    double replicaCost = prices.cpuMonth(w.cpuCores()) + prices.memoryMonth(w.memoryBytes());
    if (cpu.value().isPresent()
        && cpu.value().getAsDouble() < config.unusedCpuCores()
        && rate.value().isPresent()
        && rate.value().getAsDouble() == 0) {
      out.add(
          cloud(
              CloudType.UNUSED,
              w.deployment(),
              "Remove " + w.deployment() + ": it served no request in " + config.window(),
              "p95 CPU below "
                  + config.unusedCpuCores()
                  + " cores and no HTTP request in the window. Check it has no other work"
                  + " (Kafka consumers, schedules) before scaling it to zero.",
              new Evidence(queries, config.window(), base),
              w.replicas() * replicaCost,
              Risk.HIGH,
              null));
      return;
    }
    if (cpu.value().isPresent() && w.cpuCores() > 0) {
      double perReplica = cpu.value().getAsDouble() / instances;
      double target = Math.max(config.minCpuCores(), perReplica * config.headroom());
      String targetQuantity = Quantities.cpu(target);
      double rounded = Quantities.parse(targetQuantity);
      if (rounded < w.cpuCores() * (1 - config.minReduction())) {
        Map<String, Object> figures = new LinkedHashMap<>(base);
        figures.put("cpu_p95_per_replica_cores", round(perReplica));
        figures.put("cpu_request_new_cores", round(rounded));
        figures.put("vcpu_hour_usd", prices.vcpuHour());
        out.add(
            cloud(
                CloudType.RIGHT_SIZE_CPU,
                w.deployment(),
                "Right-size " + w.deployment() + " CPU request to " + targetQuantity,
                "The p95 CPU per replica × "
                    + config.headroom()
                    + " is below the request; the limit stays, so bursts are still served.",
                new Evidence(queries, config.window(), figures),
                w.replicas() * prices.cpuMonth(w.cpuCores() - rounded),
                Risk.LOW,
                new Apply(
                    "set_cpu_request",
                    config.namespace() + "/Deployment/" + w.deployment(),
                    Map.of("cpu", targetQuantity))));
      }
      int needed =
          Math.max(
              config.minReplicas(),
              (int) Math.ceil(cpu.value().getAsDouble() * config.headroom() / w.cpuCores()));
      if (needed < w.replicas()) {
        Map<String, Object> figures = new LinkedHashMap<>(base);
        figures.put("replicas_needed", needed);
        figures.put("min_replicas", config.minReplicas());
        out.add(
            cloud(
                CloudType.IDLE_REPLICAS,
                w.deployment(),
                "Scale " + w.deployment() + " from " + w.replicas() + " to " + needed + " replicas",
                "The p95 CPU of all replicas × "
                    + config.headroom()
                    + " fits in "
                    + needed
                    + " replicas' requests; at least "
                    + config.minReplicas()
                    + " stay for availability.",
                new Evidence(queries, config.window(), figures),
                (w.replicas() - needed) * replicaCost,
                Risk.LOW,
                new Apply(
                    "scale",
                    config.namespace() + "/Deployment/" + w.deployment(),
                    Map.of("replicas", needed))));
      }
    }
    if (memory.value().isPresent() && w.memoryBytes() > 0) {
      double perReplica = memory.value().getAsDouble() / instances;
      double target =
          Math.max(config.minMemoryMib() * 1024d * 1024, perReplica * config.headroom());
      String targetQuantity = Quantities.memory(target);
      double rounded = Quantities.parse(targetQuantity);
      if (rounded < w.memoryBytes() * (1 - config.minReduction())) {
        Map<String, Object> figures = new LinkedHashMap<>(base);
        figures.put("memory_p95_per_replica_bytes", (long) perReplica);
        figures.put("memory_request_new_bytes", (long) rounded);
        figures.put("gb_hour_usd", prices.gbHour());
        out.add(
            cloud(
                CloudType.RIGHT_SIZE_MEMORY,
                w.deployment(),
                "Right-size " + w.deployment() + " memory request to " + targetQuantity,
                "The p95 memory per replica × "
                    + config.headroom()
                    + " is below the request. A JVM sizes its heap from the limit, not the"
                    + " request: check GC and OOM kills after the change.",
                new Evidence(queries, config.window(), figures),
                w.replicas() * prices.memoryMonth(w.memoryBytes() - rounded),
                Risk.MEDIUM,
                null));
      }
    }
    if (config.stateless().contains(w.service()) && w.volumes().isEmpty()) {
      Map<String, Object> figures = new LinkedHashMap<>(base);
      figures.put("spot_vcpu_hour_usd", prices.spotVcpuHour());
      figures.put("spot_gb_hour_usd", prices.spotGbHour());
      out.add(
          cloud(
              CloudType.SPOT,
              w.deployment(),
              "Run " + w.deployment() + " on spot capacity",
              "Stateless (its state is in PostgreSQL, Redis, Kafka, Neo4j): a reclaimed node"
                  + " costs a restart, and its PodDisruptionBudget keeps one replica serving."
                  + " Needs a spot node group and a toleration.",
              new Evidence(queries, config.window(), figures),
              w.replicas() * prices.spotSavingMonth(w.cpuCores(), w.memoryBytes()),
              Risk.MEDIUM,
              null));
    }
    for (Workload.Volume v : w.volumes()) {
      volume(w, v, out);
    }
  }

  private void volume(Workload w, Workload.Volume v, List<Recommendation> out)
      throws IOException, InterruptedException {
    Measured used = measure(config.queries().volumeUsedP95(), v.claim());
    if (used.value().isEmpty() || v.sizeBytes() <= 0) {
      return;
    }
    double target = Math.max(CloudPrices.GIB, used.value().getAsDouble() * config.headroom());
    String targetQuantity = Quantities.storage(target);
    double rounded = Quantities.parse(targetQuantity);
    if (rounded >= v.sizeBytes() * (1 - config.minReduction())) {
      return;
    }
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("deployment", w.deployment());
    figures.put("claim", v.claim());
    figures.put("size_bytes", (long) v.sizeBytes());
    figures.put("used_p95_bytes", (long) used.value().getAsDouble());
    figures.put("size_new_bytes", (long) rounded);
    figures.put("storage_class", v.storageClass() == null ? "default" : v.storageClass());
    figures.put("headroom", config.headroom());
    out.add(
        cloud(
            CloudType.STORAGE,
            v.claim(),
            "Shrink volume " + v.claim() + " to " + targetQuantity,
            "A volume cannot shrink in place: create a smaller one and move the data (the"
                + " search index can be rebuilt with reindex) at the next maintenance.",
            new Evidence(List.of(used.promql()), config.window(), figures),
            prices.storageMonth(v.storageClass(), v.sizeBytes() - rounded),
            Risk.HIGH,
            null));
  }

  private Measured measure(String template, String subject)
      throws IOException, InterruptedException {
    String promql = template.formatted(subject, config.window(), config.resolution());
    return new Measured(promql, prometheus.value(promql));
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000d;
  }

  private static Recommendation cloud(
      CloudType type,
      String subject,
      String title,
      String detail,
      Evidence evidence,
      double monthly,
      Risk risk,
      Apply apply) {
    return new Recommendation(
        Recommendation.idOf(Kind.CLOUD, type.wire(), subject),
        Kind.CLOUD,
        type.wire(),
        subject,
        title,
        detail,
        evidence,
        Recommendation.usd(monthly),
        risk,
        apply);
  }
}
