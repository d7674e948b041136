package io.membank.audit.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.audit.chain.AuditEntry;
import io.membank.audit.chain.AuditLog;
import io.membank.audit.chain.ChainVerifier;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.intake.AuditEventParser;
import io.membank.audit.support.AuditDatabase;
import io.membank.audit.support.Db;
import io.membank.audit.support.Events;
import io.membank.audit.support.Receivers;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.KafkaTestClient;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Intake throughput with hash chaining, on the real devstack (not part of the normal build: the
 * class name does not end in Test). Run it with {@code audit-service/bench/intake.sh}; sizes come
 * from system properties {@code bench.events}, {@code bench.tenants}, {@code bench.direct}.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(AuditDatabase.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(Receivers.class)
class IntakeBenchmark {

  final int events = Integer.getInteger("bench.events", 50_000);
  final int tenants = Integer.getInteger("bench.tenants", 8);
  final int direct = Integer.getInteger("bench.direct", 20_000);

  @Inject AuditLog log;
  @Inject AuditConfig config;
  @Inject ChainVerifier verifier;

  @Test
  void measure() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add(kafkaIntake());
    lines.add(directAppends());
    lines.add(verification());
    String report = String.join("\n", lines);
    System.out.println("\n===== audit-service intake benchmark =====\n" + report + "\n");
    Path out = Path.of("target", "bench", "intake.txt");
    Files.createDirectories(out.getParent());
    Files.writeString(out, Instant.now() + "\n" + report + "\n");
  }

  /** Events produced to audit.events as fast as one producer can, until all are chained. */
  String kafkaIntake() throws Exception {
    String run = Events.tenant();
    List<String> payloads = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      String tenant = run + "-" + (i % tenants);
      Events.Builder b =
          Events.event(tenant)
              .resource("memory", "m-" + i, "u-" + (i % 100))
              .actor("user", "app-" + (i % 10), "reader", "writer")
              .action(i % 4 == 0 ? "modify" : "access");
      if (i % 20 == 0) {
        b.outcome("unauthorized");
      }
      payloads.add(b.json());
    }
    Properties props = new Properties();
    props.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
        ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    long t0 = System.nanoTime();
    try (var producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      for (int i = 0; i < events; i++) {
        producer.send(
            new ProducerRecord<>(
                KafkaTestClient.topic("audit.events"), run + "-" + (i % tenants), payloads.get(i)));
      }
      producer.flush();
    }
    double producedS = (System.nanoTime() - t0) / 1e9;
    // Sequence numbers have no gaps: the heads' sum is the number stored (cheap to poll).
    String[] tenantIds = new String[tenants];
    for (int t = 0; t < tenants; t++) {
      tenantIds[t] = run + "-" + t;
    }
    long stored = 0;
    while (stored < events) {
      Thread.sleep(100);
      stored =
          Db.number(
              "select coalesce(sum(h.seq), 0) from unnest(?::text[]) t left join lateral"
                  + " (select seq from audit_record where tenant_id = t order by seq desc limit 1)"
                  + " h on true",
              (Object) tenantIds);
      if ((System.nanoTime() - t0) / 1e9 > 600) {
        throw new AssertionError("only " + stored + " of " + events + " stored after 600 s");
      }
    }
    double totalS = (System.nanoTime() - t0) / 1e9;
    return String.format(
        Locale.ROOT,
        "kafka intake: %d events, %d tenants (5%% unauthorized, risk-tagged, chained): produced in"
            + " %.1f s, all stored in %.1f s -> %.0f events/s end to end",
        events,
        tenants,
        producedS,
        totalS,
        events / totalS);
  }

  /** AuditLog.append in batches of 500, one tenant: every append serialized on one chain. */
  String directAppends() {
    String tenant = Events.tenant();
    AuditEventParser parser = new AuditEventParser(config.intake());
    List<AuditEntry> entries = new ArrayList<>(direct);
    for (int i = 0; i < direct; i++) {
      entries.add(parser.parse(Events.event(tenant).resource("memory", "m-" + i, null).json()));
    }
    long t0 = System.nanoTime();
    for (int from = 0; from < direct; from += 500) {
      log.append(entries.subList(from, Math.min(direct, from + 500)));
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return String.format(
        Locale.ROOT,
        "direct append: %d events, 1 tenant, batches of 500: %.1f s -> %.0f events/s",
        direct,
        s,
        direct / s);
  }

  /** Walking the chain written by {@link #directAppends()}. */
  String verification() {
    String tenant =
        Db.rows(
                "select tenant_id from audit_record group by tenant_id order by count(*) desc limit 1")
            .get(0)
            .get(0);
    long t0 = System.nanoTime();
    ChainVerifier.Result r = verifier.verify(tenant, null, null);
    double s = (System.nanoTime() - t0) / 1e9;
    assertThat(r.ok()).isTrue();
    return String.format(
        Locale.ROOT,
        "verify: %d records in %.2f s -> %.0f records/s",
        r.recordsChecked(),
        s,
        r.recordsChecked() / s);
  }
}
