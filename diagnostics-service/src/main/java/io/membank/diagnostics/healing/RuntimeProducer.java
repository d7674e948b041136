package io.membank.diagnostics.healing;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.membank.diagnostics.config.DiagnosticsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;

/** Builds the configured {@link Runtime}; the Kubernetes client is only created when chosen. */
@ApplicationScoped
public class RuntimeProducer {

  @Produces
  @ApplicationScoped
  Runtime runtime(DiagnosticsConfig config) {
    DiagnosticsConfig.Healing h = config.healing();
    return switch (h.runtime()) {
      case "kubernetes" ->
          new KubernetesRuntime(
              new KubernetesClientBuilder().build(),
              h.kubernetes().namespace(),
              h.minReplicas(),
              h.maxReplicas());
      case "local" -> new LocalRuntime(Path.of(h.local().command()), h.local().timeout());
      case "none" -> new NoRuntime();
      default ->
          throw new IllegalStateException(
              "membank.diagnostics.healing.runtime must be local, kubernetes or none, not "
                  + h.runtime());
    };
  }
}
