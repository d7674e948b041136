package io.membank.audit;

import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Receivers;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.contract.ServiceSurfaceContract;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;

/** audit-service's management and identity surface, on its real stores. */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
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
