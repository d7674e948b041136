package io.membank.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis, Kafka and Neo4j resources hand out the devstack's endpoints and unique namespaces. */
class OtherResourcesTest {

  @Test
  void redisGivesHostsAndAPrefixWhoseKeysAreDeletedOnStop() throws Exception {
    RedisResource redis = new RedisResource();
    redis.init(Map.of("database", "2"));
    Map<String, String> config = redis.start();
    int port = DevStackProcess.ensureStarted().redisPort();
    assertEquals("redis://127.0.0.1:" + port + "/2", config.get("quarkus.redis.hosts"));
    String prefix = config.get("membank.redis.key-prefix");
    assertTrue(prefix.matches("t[a-z0-9]{8}:"), prefix);

    RedisResource.command(port, "SELECT", "2", "SET", prefix + "k", "v");
    assertTrue(
        RedisResource.command(port, "SELECT", "2", "EXISTS", prefix + "k").endsWith(":1\r\n"));
    redis.stop();
    assertTrue(
        RedisResource.command(port, "SELECT", "2", "EXISTS", prefix + "k").endsWith(":0\r\n"));
  }

  @Test
  void kafkaAndNeo4jGiveEndpointsAndFreshNamespaces() {
    Map<String, String> k1 = new KafkaResource().start();
    Map<String, String> k2 = new KafkaResource().start();
    DevStackProcess.Endpoints e = DevStackProcess.ensureStarted();
    assertEquals("127.0.0.1:" + e.kafkaPort(), k1.get("kafka.bootstrap.servers"));
    assertEquals(
        k1.get("kafka.bootstrap.servers"),
        k1.get("mp.messaging.connector.smallrye-kafka.bootstrap.servers"));
    assertTrue(k1.get("membank.kafka.topic-suffix").matches("\\.t[a-z0-9]{8}"));
    assertNotEquals(k1.get("membank.kafka.topic-suffix"), k2.get("membank.kafka.topic-suffix"));

    Map<String, String> n = new Neo4jResource().start();
    assertEquals("bolt://127.0.0.1:" + e.boltPort(), n.get("membank.neo4j.uri"));
    assertEquals("neo4j", n.get("membank.neo4j.database"));
    assertTrue(n.get("membank.neo4j.namespace").matches("t[a-z0-9]{8}"));
  }
}
