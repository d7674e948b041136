package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
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
import org.junit.jupiter.api.Test;

/**
 * A data subject's export (issue 17) through the gateway: the bundle holds every memory of the
 * subject with its history and none of another subject or of the same user id in another tenant;
 * every file's SHA-256 matches the manifest, and the manifest's signature verifies with the service
 * key's public half from the stack's key set. Other tenants and non-admins are refused.
 */
class SubjectExportIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String tenant = "e2e-export-" + UUID.randomUUID().toString().substring(0, 8);
  private final String otherTenant = tenant + "-b";
  private final String admin = DevTokens.token(tenant, "e2e-admin", "admin");
  private final String writer = DevTokens.token(tenant, "e2e-writer", "reader,writer");
  private final String otherWriter = DevTokens.token(otherTenant, "e2e-writer", "reader,writer");

  @Test
  void theBundleHoldsTheSubjectOnlyAndVerifies() throws Exception {
    String subject = "export-" + UUID.randomUUID().toString().substring(0, 8);
    List<String> mine = seed(writer, subject, "I live in Lisbon.", "I have a dog named Rex.");
    List<String> bystander = seed(writer, "keep-" + subject, "I live in Porto.");
    List<String> elsewhere = seed(otherWriter, subject, "I live in Madrid.");

    Response started = api(admin).post("/api/v1/governance/subjects/" + subject + "/export");
    assertThat(started.statusCode()).isEqualTo(202);
    String id = started.jsonPath().getString("export_id");
    assertThat(started.header("Location")).endsWith("/api/v1/governance/exports/" + id);

    JsonPath done =
        Awaitility.await("export " + id)
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofMillis(500))
            .until(
                () ->
                    api(admin)
                        .get("/api/v1/governance/exports/" + id)
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath(),
                j -> !"running".equals(j.getString("status")));
    assertThat(done.getString("status")).as(done.prettify()).isEqualTo("done");

    byte[] zip =
        api(admin)
            .get("/api/v1/governance/exports/" + id + "/bundle")
            .then()
            .statusCode(200)
            .contentType("application/zip")
            .extract()
            .asByteArray();
    Map<String, byte[]> files = unzip(zip);
    assertThat(files.keySet())
        .contains("memories.json", "usage.json", "catalog.json", "manifest.json", "manifest.jws");
    JsonNode manifest = JSON.readTree(files.get("manifest.json"));
    assertThat(manifest.path("files")).isNotEmpty();
    for (JsonNode f : manifest.path("files")) {
      byte[] content = files.get(f.path("name").asText());
      assertThat(content).as(f.path("name").asText()).isNotNull();
      assertThat(sha256(content)).as(f.path("name").asText()).isEqualTo(f.path("sha256").asText());
    }
    assertThat(sha256(files.get("manifest.json"))).isEqualTo(done.getString("manifest_sha256"));
    verifySignature(files.get("manifest.jws"), files.get("manifest.json"));

    JsonNode memories = JSON.readTree(files.get("memories.json"));
    List<String> exported = new ArrayList<>();
    for (JsonNode m : memories.path("records")) {
      exported.add(m.path("id").asText());
      assertThat(m.path("user_id").asText()).isEqualTo(subject);
      assertThat(m.path("tenant_id").asText()).isEqualTo(tenant);
      assertThat(m.path("history")).as("history of " + m.path("id")).isNotEmpty();
    }
    assertThat(exported).containsAll(mine).doesNotContainAnyElementsOf(bystander);
    assertThat(exported).doesNotContainAnyElementsOf(elsewhere);

    // Another tenant's admin sees nothing; a writer may not export.
    String otherAdmin = DevTokens.token(otherTenant, "e2e-admin", "admin");
    api(otherAdmin).get("/api/v1/governance/exports/" + id).then().statusCode(404);
    api(otherAdmin).get("/api/v1/governance/exports/" + id + "/bundle").then().statusCode(404);
    api(writer).post("/api/v1/governance/subjects/" + subject + "/export").then().statusCode(403);
  }

  private RequestSpecification api(String token) {
    return given().baseUri(Stack.current().gatewayUrl()).auth().oauth2(token);
  }

  private List<String> seed(String token, String user, String... contents) {
    Memories memories = new Memories(token);
    List<String> jobs = new ArrayList<>();
    for (String content : contents) {
      jobs.add(memories.add(user, content));
    }
    for (String job : jobs) {
      memories.completed(job, Duration.ofMillis(300));
    }
    List<String> ids =
        api(token)
            .get("/api/v1/users/" + user + "/memories?limit=100")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("memories.id");
    assertThat(ids).isNotEmpty();
    return ids;
  }

  /** RS256 over the JWS's signing input, with the key set's {@code membank-service} key. */
  private static void verifySignature(byte[] jws, byte[] manifest) throws Exception {
    String[] parts = new String(jws, StandardCharsets.US_ASCII).split("\\.");
    Base64.Decoder b64 = Base64.getUrlDecoder();
    JsonNode header = JSON.readTree(b64.decode(parts[0]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(header.path("kid").asText()).isEqualTo("membank-service");
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initVerify(serviceKey());
    rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rsa.verify(b64.decode(parts[2]))).as("manifest signature").isTrue();
    assertThat(b64.decode(parts[1])).as("the signed payload is the manifest").isEqualTo(manifest);
  }

  private static PublicKey serviceKey() throws Exception {
    Path jwks = Stack.statusPath().getParent().resolve("keys").resolve("jwks.json");
    for (JsonNode k : JSON.readTree(Files.readString(jwks)).path("keys")) {
      if ("membank-service".equals(k.path("kid").asText())) {
        Base64.Decoder b64 = Base64.getUrlDecoder();
        return KeyFactory.getInstance("RSA")
            .generatePublic(
                new RSAPublicKeySpec(
                    new BigInteger(1, b64.decode(k.path("n").asText())),
                    new BigInteger(1, b64.decode(k.path("e").asText()))));
      }
    }
    throw new AssertionError("no membank-service key in " + jwks);
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

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
