package io.membank.governance.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.matching.MatchResult;
import com.github.tomakehurst.wiremock.matching.ValueMatcher;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.membank.identity.Caller;
import io.membank.testkit.KafkaResource;
import io.membank.testkit.PostgresResource;
import io.membank.testkit.RedisResource;
import io.membank.testkit.identity.JwtResource;
import io.membank.testkit.identity.TestTokens;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.Test;

/**
 * A subject's export against stand-ins of the four source services (their internal export API,
 * pages of 2): the bundle's manifest lists the SHA-256 of every file and they verify; the
 * manifest's signature verifies with the service key's public half; every source spans several
 * pages; another subject of the tenant and the same user id in another tenant are absent; asking
 * twice while it runs returns the same export; a failing source fails the export; other tenants and
 * non-admins are refused.
 */
@QuarkusTest
@WithTestResource(JwtResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(RedisResource.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(SourceStandIns.class)
class ExportBundleTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> FILES =
      List.of("memories.json", "graph.json", "audit.json", "usage.json", "catalog.json");

  @Test
  void the_bundle_holds_the_subject_only_and_its_hashes_and_signature_verify() throws Exception {
    String tenant = tenant();
    String other = tenant();
    Map<String, Integer> counts = Map.of("memories", 5, "graph", 3, "audit", 4, "usage", 3);
    counts.forEach((source, n) -> stubSource(tenant, "anna", source, n, source.equals("memories")));
    // The same tenant's other subject, and the same user id in another tenant.
    counts.forEach((source, n) -> stubSource(tenant, "bob", source, n, false));
    counts.forEach((source, n) -> stubSource(other, "anna", source, n, false));

    String admin = TestTokens.token(tenant, "admin-1", "admin");
    String id = start(admin, "anna", 202);
    // Asking again while it runs (the first memories page is slow): the same export, and no
    // bundle yet.
    assertThat(start(admin, "anna", 200)).isEqualTo(id);
    given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/governance/exports/" + id + "/bundle")
        .then()
        .statusCode(409)
        .contentType("application/problem+json");

    JsonNode status = awaitFinished(admin, id);
    assertThat(status.path("status").asText()).isEqualTo("done");
    for (JsonNode p : status.path("progress")) {
      int n = counts.get(p.path("source").asText());
      assertThat(p.path("done").asLong()).as(p.toString()).isEqualTo(n);
      assertThat(p.path("total").asLong()).as(p.toString()).isEqualTo(n);
    }

    byte[] zip =
        given()
            .auth()
            .oauth2(admin)
            .get("/api/v1/governance/exports/" + id + "/bundle")
            .then()
            .statusCode(200)
            .contentType("application/zip")
            .extract()
            .asByteArray();
    Map<String, byte[]> files = unzip(zip);
    assertThat(files.keySet())
        .containsExactlyInAnyOrder(
            "memories.json",
            "graph.json",
            "audit.json",
            "usage.json",
            "catalog.json",
            "manifest.json",
            "manifest.jws");

    // Every file's hash and size as the manifest says; the manifest's hash as the status says.
    JsonNode manifest = JSON.readTree(files.get("manifest.json"));
    assertThat(manifest.path("export_id").asText()).isEqualTo(id);
    assertThat(manifest.path("subject").asText()).isEqualTo("anna");
    List<String> listed = new ArrayList<>();
    for (JsonNode f : manifest.path("files")) {
      String name = f.path("name").asText();
      listed.add(name);
      assertThat(sha256(files.get(name))).as(name).isEqualTo(f.path("sha256").asText());
      assertThat(f.path("bytes").asLong()).as(name).isEqualTo(files.get(name).length);
    }
    assertThat(listed).containsExactlyElementsOf(FILES);
    assertThat(sha256(files.get("manifest.json")))
        .isEqualTo(status.path("manifest_sha256").asText());

    // The signature: RS256 under the service key, its payload the manifest itself.
    JsonWebSignature jws = new JsonWebSignature();
    jws.setCompactSerialization(new String(files.get("manifest.jws"), StandardCharsets.US_ASCII));
    assertThat(jws.getKeyIdHeaderValue()).isEqualTo("membank-service");
    jws.setKey(serviceKey().getKey());
    assertThat(jws.verifySignature()).isTrue();
    assertThat(jws.getPayloadBytes()).isEqualTo(files.get("manifest.json"));
    // A changed manifest would not match what was signed.
    assertThat(sha256(jws.getPayloadBytes()))
        .isNotEqualTo(sha256((new String(files.get("manifest.json")) + " ").getBytes()));

    // Only anna's records of this tenant, all of them, across several pages.
    counts.forEach(
        (source, n) -> {
          JsonNode file = read(files.get(source + ".json"));
          assertThat(file.path("subject").asText()).isEqualTo("anna");
          assertThat(file.path("count").asInt()).isEqualTo(n);
          List<String> ids = new ArrayList<>();
          file.path("records").forEach(r -> ids.add(r.path("id").asText()));
          List<String> expected = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            expected.add(recordId(tenant, "anna", source, i));
          }
          assertThat(ids).as(source).containsExactlyElementsOf(expected);
          List<LoggedRequest> pages =
              SourceStandIns.server.findAll(
                  getRequestedFor(urlPathEqualTo(path("anna", source)))
                      .andMatching(tenantIs(tenant)));
          assertThat(pages).as(source).hasSize((n + 1) / 2);
        });
    // The service credential named the tenant on every request (checked by the stubs), and no
    // request ever named bob.
    assertThat(
            SourceStandIns.server.findAll(getRequestedFor(urlPathEqualTo(path("bob", "memories")))))
        .isEmpty();

    // catalog.json describes each file with the catalog's entries.
    JsonNode catalog = read(files.get("catalog.json"));
    assertThat(catalog.path("files")).hasSize(4);
    JsonNode memoriesEntry = catalog.path("files").get(0);
    assertThat(memoriesEntry.path("file").asText()).isEqualTo("memories.json");
    List<String> datasetIds = new ArrayList<>();
    memoriesEntry.path("datasets").forEach(d -> datasetIds.add(d.path("id").asText()));
    assertThat(datasetIds)
        .contains("postgres:membank_memory.memories", "postgres:membank_memory.memory_history");
    assertThat(memoriesEntry.path("datasets").get(0).path("classification").asText())
        .isEqualTo("confidential");

    // Another tenant's admin does not see it; a writer may not export.
    String otherAdmin = TestTokens.token(other, "admin-2", "admin");
    given()
        .auth()
        .oauth2(otherAdmin)
        .get("/api/v1/governance/exports/" + id)
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(otherAdmin)
        .get("/api/v1/governance/exports/" + id + "/bundle")
        .then()
        .statusCode(404);
    given()
        .auth()
        .oauth2(TestTokens.token(tenant, "writer-1", "writer"))
        .post("/api/v1/governance/subjects/anna/export")
        .then()
        .statusCode(403);

    // Once done, asking again makes a new export.
    assertThat(start(admin, "anna", 202)).isNotEqualTo(id);
  }

  @Test
  void a_source_that_fails_fails_the_export_with_the_reason() throws Exception {
    String tenant = tenant();
    stubSource(tenant, "carl", "memories", 3, false);
    SourceStandIns.server.stubFor(
        get(urlPathEqualTo(path("carl", "graph")))
            .andMatching(tenantIs(tenant))
            .willReturn(aResponse().withStatus(503)));
    String admin = TestTokens.token(tenant, "admin-1", "admin");
    String id = start(admin, "carl", 202);
    JsonNode status = awaitFinished(admin, id);
    assertThat(status.path("status").asText()).isEqualTo("failed");
    assertThat(status.path("status_reason").asText()).contains("graph-service", "503");
    given()
        .auth()
        .oauth2(admin)
        .get("/api/v1/governance/exports/" + id + "/bundle")
        .then()
        .statusCode(409);
    given()
        .auth()
        .oauth2(admin)
        .post("/api/v1/governance/subjects/a*b/export")
        .then()
        .statusCode(400);
  }

  // ------------------------------------------------------------------ helpers

  private static String tenant() {
    return "t-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String start(String token, String user, int expected) {
    return given()
        .auth()
        .oauth2(token)
        .post("/api/v1/governance/subjects/" + user + "/export")
        .then()
        .statusCode(expected)
        .extract()
        .path("export_id");
  }

  private static JsonNode awaitFinished(String token, String id) {
    JsonNode[] last = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              last[0] =
                  JSON.readTree(
                      given()
                          .auth()
                          .oauth2(token)
                          .get("/api/v1/governance/exports/" + id)
                          .then()
                          .statusCode(200)
                          .extract()
                          .asString());
              return !"running".equals(last[0].path("status").asText());
            });
    return last[0];
  }

  private static String path(String user, String source) {
    return "/internal/v1/subjects/" + user + "/export/" + source;
  }

  private static String recordId(String tenant, String user, String source, int i) {
    return tenant + "/" + user + "/" + source + "/" + i;
  }

  /** Stubs a source's pages (2 records each) for one tenant's user. */
  private static void stubSource(String tenant, String user, String source, int n, boolean slow) {
    int pages = (n + 1) / 2;
    for (int p = 0; p < pages; p++) {
      ArrayNode items = JSON.createArrayNode();
      for (int i = p * 2 + 1; i <= Math.min(n, p * 2 + 2); i++) {
        ObjectNode item = items.addObject();
        item.put("id", recordId(tenant, user, source, i));
        item.put("user_id", user);
        item.put("content", "record " + i + " of " + user);
      }
      ObjectNode body = JSON.createObjectNode();
      body.set("items", items);
      body.put("total", n);
      if (p + 1 < pages) {
        body.put("next_cursor", "c" + (p + 1));
      } else {
        body.putNull("next_cursor");
      }
      MappingBuilder stub =
          get(urlPathEqualTo(path(user, source)))
              .withQueryParam("limit", equalTo("2"))
              .withQueryParam("cursor", p == 0 ? absent() : equalTo("c" + p))
              .andMatching(tenantIs(tenant));
      SourceStandIns.server.stubFor(
          stub.willReturn(
              aResponse()
                  .withStatus(200)
                  .withHeader("Content-Type", "application/json")
                  .withBody(body.toString())
                  .withFixedDelay(slow && p == 0 ? 2000 : 0)));
    }
  }

  /** Matches requests whose service credential names the tenant. */
  private static ValueMatcher<Request> tenantIs(String tenant) {
    return request -> {
      String auth = request.getHeader("Authorization");
      if (auth == null || !auth.startsWith("Bearer ")) {
        return MatchResult.noMatch();
      }
      try {
        String[] parts = auth.substring(7).split("\\.");
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        return MatchResult.of(
            tenant.equals(claims.path(Caller.TENANT_CLAIM).asText())
                && claims.path("groups").toString().contains("service"));
      } catch (Exception e) {
        return MatchResult.noMatch();
      }
    };
  }

  private static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        files.put(e.getName(), in.readAllBytes());
      }
    }
    return files;
  }

  private static JsonNode read(byte[] bytes) {
    try {
      return JSON.readTree(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The service key's public half from the verification key set the service is given. */
  private static JsonWebKey serviceKey() throws Exception {
    String location =
        ConfigProvider.getConfig().getValue("mp.jwt.verify.publickey.location", String.class);
    String jwks = Files.readString(Path.of(URI.create(location)));
    return new JsonWebKeySet(jwks).findJsonWebKey("membank-service", null, null, null);
  }
}
