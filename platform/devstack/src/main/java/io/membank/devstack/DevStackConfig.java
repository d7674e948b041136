package io.membank.devstack;

import java.nio.file.Path;
import java.util.Map;

/** Ports and directories of one devstack, from the environment and {@code --home}. */
record DevStackConfig(
    Path home, int pgPort, int redisPort, int kafkaPort, int kafkaControllerPort, int boltPort) {

  static final int DEFAULT_PG_PORT = 15432;
  static final int DEFAULT_REDIS_PORT = 16379;
  static final int DEFAULT_KAFKA_PORT = 19092;
  static final int DEFAULT_KAFKA_CONTROLLER_PORT = 19093;
  static final int DEFAULT_BOLT_PORT = 17687;

  static DevStackConfig from(Path home, Map<String, String> env) {
    return new DevStackConfig(
        home.toAbsolutePath().normalize(),
        port(env, "MEMBANK_PG_PORT", DEFAULT_PG_PORT),
        port(env, "MEMBANK_REDIS_PORT", DEFAULT_REDIS_PORT),
        port(env, "MEMBANK_KAFKA_PORT", DEFAULT_KAFKA_PORT),
        port(env, "MEMBANK_KAFKA_CONTROLLER_PORT", DEFAULT_KAFKA_CONTROLLER_PORT),
        port(env, "MEMBANK_NEO4J_BOLT_PORT", DEFAULT_BOLT_PORT));
  }

  private static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " is not a port number: " + value, e);
    }
  }

  Path devstackDir() {
    return home.resolve("devstack");
  }

  Path kafkaDir() {
    return devstackDir().resolve("kafka");
  }

  Path neo4jDir() {
    return devstackDir().resolve("neo4j");
  }

  Path pgDir() {
    return home.resolve("pg");
  }

  Path redisDir() {
    return home.resolve("redis");
  }

  Path logsDir() {
    return home.resolve("logs");
  }

  Path readyFile() {
    return devstackDir().resolve("ready.json");
  }

  Path pidFile() {
    return devstackDir().resolve("devstack.pid");
  }
}
