package io.membank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The four annotations start their resources for a real @QuarkusTest, with their attributes. */
@QuarkusTest
@WithPostgres(service = "meta")
@WithRedis(database = 3)
@WithKafka
@WithNeo4j
class MetaAnnotationTest {
  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String jdbcUrl;

  @ConfigProperty(name = "quarkus.redis.hosts")
  String redisHosts;

  @ConfigProperty(name = "membank.kafka.topic-suffix")
  String topicSuffix;

  @ConfigProperty(name = "membank.neo4j.namespace")
  String namespace;

  @Test
  void resourcesAreStartedAndConfigured() throws Exception {
    assertTrue(
        jdbcUrl.matches("jdbc:postgresql://127\\.0\\.0\\.1:\\d+/t_meta_[a-z0-9]{8}"), jdbcUrl);
    String db = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
    int port = DevStackProcess.ensureStarted().postgresPort();
    try (Connection c = PostgresResource.connect(port, db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_database()")) {
      rs.next();
      assertTrue(jdbcUrl.endsWith("/" + rs.getString(1)));
    }
    assertTrue(redisHosts.endsWith("/3"), redisHosts);
    assertTrue(topicSuffix.startsWith(".t"), topicSuffix);
    assertEquals(9, namespace.length(), namespace);
  }
}
