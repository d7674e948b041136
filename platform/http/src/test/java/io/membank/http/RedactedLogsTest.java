package io.membank.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A careless log statement that prints a request's Authorization header, and an exception whose
 * message carries a key, leave the process without the credentials (console and file handlers use
 * the filter as every service configures it).
 */
@QuarkusTest
class RedactedLogsTest {

  static final Path LOG = Path.of("target", "redacted-logs-test.log");

  /** Logs what it should not. */
  @jakarta.ws.rs.Path("/careless")
  public static class CarelessResource {
    private static final Logger LOG = Logger.getLogger(CarelessResource.class);

    @GET
    public String careless(@HeaderParam("Authorization") String authorization) {
      LOG.infof("careless.request authorization=%s", authorization);
      LOG.error("careless.failure", new IllegalStateException("api_key=sk-live-abcdef123456"));
      return "ok";
    }
  }

  @Test
  void aTokenSentInARequestNeverReachesTheLog() throws Exception {
    String token = RedactionTest.JWT;
    given().header("Authorization", "Bearer " + token).get("/careless").then().statusCode(200);

    Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> Files.exists(LOG) && Files.readString(LOG).contains("careless.failure"));
    String log = Files.readString(LOG);
    assertThat(log).contains("careless.request authorization=Bearer [REDACTED]");
    assertThat(log).doesNotContain(token).doesNotContain("c2lnbmF0dXJl");
    assertThat(log).contains("api_key=[REDACTED]").doesNotContain("sk-live-abcdef123456");
  }
}
