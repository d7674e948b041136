package io.membank.search.index;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only while the search store can take writes (the Lucene index is open; Qdrant answers). */
@Readiness
@ApplicationScoped
public class IndexReadinessCheck implements HealthCheck {

  @Inject MemoryStore store;

  @Override
  public HealthCheckResponse call() {
    boolean lucene = "lucene".equals(store.kind());
    return HealthCheckResponse.named(
            lucene ? "Lucene index health check" : "Qdrant collection health check")
        .status(store.isOpen())
        .withData(lucene ? "dir" : "collection", store.location())
        .build();
  }
}
