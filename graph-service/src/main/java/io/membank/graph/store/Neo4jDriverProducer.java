package io.membank.graph.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.TimeUnit;
import org.neo4j.driver.AuthToken;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Config;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;

/** The one Neo4j driver of the service (thread-safe, pooled). */
@ApplicationScoped
public class Neo4jDriverProducer {

  @Produces
  @ApplicationScoped
  Driver driver(Neo4jConfig config) {
    AuthToken auth =
        config.username().isPresent()
            ? AuthTokens.basic(config.username().get(), config.password().orElse(""))
            : AuthTokens.none();
    Config driverConfig =
        Config.builder()
            .withConnectionTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .withMaxConnectionPoolSize(config.maxPoolSize())
            .withConnectionAcquisitionTimeout(
                config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .withoutEncryption()
            .build();
    return GraphDatabase.driver(config.uri(), auth, driverConfig);
  }

  void close(@Disposes Driver driver) {
    driver.close();
  }
}
