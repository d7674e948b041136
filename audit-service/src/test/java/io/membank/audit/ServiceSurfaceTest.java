package io.membank.audit;

import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.contract.ServiceSurfaceContract;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** audit-service's management and identity surface, on its real stores. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
class ServiceSurfaceTest extends ServiceSurfaceContract {

  ServiceSurfaceTest() {
    super(
        "audit-service",
        "audit",
        List.of(
            "Database connections health check",
            "Redis connection health check",
            "Kafka connection health check"));
  }
}
