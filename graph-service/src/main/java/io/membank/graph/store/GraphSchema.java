package io.membank.graph.store;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import org.jboss.logging.Logger;
import org.neo4j.driver.Driver;
import org.neo4j.driver.SessionConfig;

/**
 * Constraints and indexes of the graph, created at start (idempotently). Every key starts with the
 * namespace and the tenant: an entity is unique per tenant, user, normalised name and type, never
 * globally. Neo4j Community has composite uniqueness constraints but no node keys, so the key
 * properties are also always written (never null) by {@link GraphWriter}.
 */
@ApplicationScoped
public class GraphSchema {

  private static final Logger LOG = Logger.getLogger(GraphSchema.class);

  static final List<String> STATEMENTS =
      List.of(
          "CREATE CONSTRAINT membank_memory_key IF NOT EXISTS FOR (m:Memory)"
              + " REQUIRE (m.ns, m.tenant, m.id) IS UNIQUE",
          "CREATE CONSTRAINT membank_user_key IF NOT EXISTS FOR (u:User)"
              + " REQUIRE (u.ns, u.tenant, u.id) IS UNIQUE",
          "CREATE CONSTRAINT membank_entity_key IF NOT EXISTS FOR (e:Entity)"
              + " REQUIRE (e.ns, e.tenant, e.user_id, e.key, e.type) IS UNIQUE",
          "CREATE CONSTRAINT membank_deleted_memory_key IF NOT EXISTS FOR (t:DeletedMemory)"
              + " REQUIRE (t.ns, t.tenant, t.id) IS UNIQUE",
          "CREATE INDEX membank_memory_user IF NOT EXISTS FOR (m:Memory)"
              + " ON (m.ns, m.tenant, m.user_id)",
          "CREATE INDEX membank_memory_created_at IF NOT EXISTS FOR (m:Memory) ON (m.created_at)",
          "CREATE INDEX membank_entity_user IF NOT EXISTS FOR (e:Entity)"
              + " ON (e.ns, e.tenant, e.user_id)",
          "CREATE INDEX membank_entity_type IF NOT EXISTS FOR (e:Entity) ON (e.type)");

  private final Driver driver;
  private final String database;
  private volatile boolean created;

  @Inject
  public GraphSchema(Driver driver, Neo4jConfig config) {
    this(driver, config.database());
  }

  public GraphSchema(Driver driver, String database) {
    this.driver = driver;
    this.database = database;
  }

  void onStart(@Observes StartupEvent start) {
    try {
      ensure();
    } catch (RuntimeException e) {
      // Neo4j may come up after us: readiness stays DOWN and retries (Neo4jReadinessCheck).
      LOG.warnf("graph.schema.deferred reason=%s", e.getMessage());
    }
  }

  /** Creates what is missing; cheap once done. */
  public void ensure() {
    if (created) {
      return;
    }
    try (var session = driver.session(SessionConfig.forDatabase(database))) {
      for (String statement : STATEMENTS) {
        session.run(statement).consume();
      }
      session.run("CALL db.awaitIndexes(60)").consume();
    }
    created = true;
    LOG.infof("graph.schema.ready constraints=4 indexes=4");
  }

  /** Whether the constraints and indexes are in place. */
  public boolean created() {
    return created;
  }
}
