package io.membank.search.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the Lucene index is open for writes. */
@Readiness
@ApplicationScoped
public class IndexReadinessCheck implements HealthCheck {

  @Inject MemoryIndex index;
  @Inject SearchConfig config;

  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.named("Lucene index health check")
        .status(index.isOpen())
        .withData("dir", config.indexDir().toString())
        .build();
  }
}
