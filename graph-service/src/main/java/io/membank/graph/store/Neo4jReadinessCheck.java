package io.membank.graph.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

/** Ready only while Neo4j answers a query and the graph's constraints are in place. */
@Readiness
@ApplicationScoped
public class Neo4jReadinessCheck implements HealthCheck {

  static final String NAME = "Neo4j connection health check";

  @Inject Driver driver;
  @Inject Neo4jConfig config;
  @Inject GraphSchema schema;

  @Override
  public HealthCheckResponse call() {
    try (var session = driver.session(SessionConfig.forDatabase(config.database()))) {
      long one = session.run("RETURN 1 AS one").single().get("one").asLong();
      // Not ready to write until the uniqueness constraints exist (they keep MERGE correct).
      schema.ensure();
      return HealthCheckResponse.named(NAME).status(one == 1).build();
    } catch (RuntimeException e) {
      return HealthCheckResponse.named(NAME)
          .down()
          .withData("error", e.getClass().getSimpleName() + ": " + e.getMessage())
          .build();
    }
  }
}
