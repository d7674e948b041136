package io.membank.cost.recommend;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.membank.contracts.AuditEvent;
import io.membank.cost.audit.AuditTrail;
import io.membank.cost.config.CostConfig;
import io.membank.cost.recommend.Recommendation.Kind;
import io.membank.cost.recommend.Recommendation.Risk;
import io.membank.cost.recommend.cloud.CloudPrices;
import io.membank.cost.recommend.cloud.CloudRecommender;
import io.membank.cost.recommend.cloud.ClusterChanges;
import io.membank.cost.recommend.cloud.HelmValuesWorkloads;
import io.membank.cost.recommend.cloud.KubernetesWorkloads;
import io.membank.cost.recommend.cloud.PrometheusReader;
import io.membank.cost.recommend.cloud.Workload;
import io.membank.cost.recommend.llm.LlmRecommender;
import io.membank.http.Problem;
import io.membank.http.ProblemException;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Recommendations sorted by monthly savings, and applying a low-risk cloud one (operator admins,
 * only with the operator's approval flag set, audited).
 */
@ApplicationScoped
public class RecommendationService {

  /** What applying changed. */
  public record Applied(Recommendation recommendation, Map<String, Object> result) {}

  private static final Comparator<Recommendation> BY_SAVINGS =
      Comparator.comparing(Recommendation::monthlySavingsUsd)
          .reversed()
          .thenComparing(Recommendation::id);

  private final LlmRecommender llm;
  private final CostConfig.Cloud cloud;
  private final AuditTrail audit;
  private final CloudPrices prices = CloudPrices.load();
  private KubernetesClient kubernetes;

  RecommendationService(LlmRecommender llm, CostConfig config, AuditTrail audit) {
    this.llm = llm;
    this.cloud = config.recommendations().cloud();
    this.audit = audit;
  }

  /** The tenant's LLM recommendations, largest savings first. */
  public List<Recommendation> llm(String tenant) {
    try {
      return sorted(llm.recommend(tenant, OffsetDateTime.now(ZoneOffset.UTC)));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the ledger", e);
    }
  }

  /** The platform's cloud recommendations, largest savings first. */
  public List<Recommendation> cloud() {
    String url =
        cloud
            .prometheusUrl()
            .orElseThrow(
                () ->
                    new ProblemException(
                        Problem.of(
                            503,
                            "prometheus-not-configured",
                            "Service Unavailable",
                            "cloud recommendations need"
                                + " membank.cost.recommendations.cloud.prometheus-url")));
    CloudRecommender recommender =
        new CloudRecommender(cloud, prices, new PrometheusReader(url, cloud.prometheusTimeout()));
    try {
      return sorted(recommender.recommend(workloads()));
    } catch (IOException e) {
      throw new ProblemException(
          Problem.of(502, "prometheus-unavailable", "Bad Gateway", e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Applies a low-risk cloud recommendation through the Kubernetes API and audits it (in the
   * caller's tenant). The caller must be an operator admin; the approval flag must be set.
   */
  @Transactional
  public Applied apply(String id, String tenant, AuditTrail.Actor actor) {
    if (!cloud.applyApproved()) {
      throw ProblemException.conflict(
          "apply-not-approved",
          "applying changes the cluster: the operator must set"
              + " membank.cost.recommendations.cloud.apply-approved=true first");
    }
    if (!id.startsWith(Kind.CLOUD.wire() + "-")) {
      throw ProblemException.conflict(
          "not-applicable", "recommendation " + id + " is not a cloud one: a person applies it");
    }
    Recommendation r =
        cloud().stream()
            .filter(x -> x.id().equals(id))
            .findFirst()
            .orElseThrow(() -> ProblemException.notFound("recommendation", id));
    if (r.apply() == null || r.risk() != Risk.LOW) {
      throw ProblemException.conflict(
          "not-applicable", "only low-risk recommendations with an apply action are applied");
    }
    Map<String, Object> result;
    try {
      result = new ClusterChanges(kubernetes()).apply(r.apply());
    } catch (ClusterChanges.NotApplicable e) {
      throw ProblemException.conflict("not-applicable", e.getMessage());
    } catch (KubernetesClientException e) {
      throw new ProblemException(
          Problem.of(502, "kubernetes-unavailable", "Bad Gateway", e.getMessage()));
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("type", r.type());
    details.put("target", r.apply().target());
    details.put("action", r.apply().action());
    details.put("parameters", r.apply().parameters());
    details.put("monthly_savings_usd", r.monthlySavingsUsd());
    details.putAll(result);
    audit.record(tenant, actor, AuditEvent.Action.ADMIN, "cost-recommendation", id, details);
    return new Applied(r, result);
  }

  private List<Workload> workloads() {
    if (cloud.requestsSource().equals("kubernetes")) {
      return KubernetesWorkloads.read(kubernetes(), cloud.namespace());
    }
    List<Path> files = new ArrayList<>();
    cloud.valuesFiles().orElse(List.of()).forEach(f -> files.add(Path.of(f)));
    if (files.isEmpty()) {
      throw new ProblemException(
          Problem.of(
              503,
              "requests-not-configured",
              "Service Unavailable",
              "set membank.cost.recommendations.cloud.values-files (Helm values) or"
                  + " requests-source=kubernetes"));
    }
    return HelmValuesWorkloads.read(files);
  }

  /** The cluster's API, as the pod's service account or the local kubeconfig sees it. */
  synchronized KubernetesClient kubernetes() {
    if (kubernetes == null) {
      kubernetes = new KubernetesClientBuilder().build();
    }
    return kubernetes;
  }

  /** Lets a test point the service at a Kubernetes API of its choosing. */
  synchronized void useKubernetes(KubernetesClient client) {
    this.kubernetes = client;
  }

  @PreDestroy
  synchronized void close() {
    if (kubernetes != null) {
      kubernetes.close();
    }
  }

  private static List<Recommendation> sorted(List<Recommendation> list) {
    List<Recommendation> out = new ArrayList<>(list);
    out.sort(BY_SAVINGS);
    return out;
  }
}
