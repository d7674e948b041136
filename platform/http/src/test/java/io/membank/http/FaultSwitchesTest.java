package io.membank.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The test-only fault switches: refused without the chaos profile, and with it a bounded 5xx burst
 * on the public API and a heap leak that is released again.
 */
@QuarkusTest
@TestProfile(FaultSwitchesTest.Chaos.class)
class FaultSwitchesTest {

  static final int MANAGEMENT = freePort();

  /** The chaos profile with the switches on and a management interface to reach them. */
  public static class Chaos implements QuarkusTestProfile {
    @Override
    public String getConfigProfile() {
      return FaultSwitches.PROFILE;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "membank.http.faults.enabled", "true",
          "quarkus.management.enabled", "true",
          "quarkus.management.test-port", String.valueOf(MANAGEMENT));
    }
  }

  @Path("/api/v1/ping")
  public static class Ping {
    @GET
    public String ping() {
      return "pong";
    }
  }

  private static String faults(String path) {
    return "http://127.0.0.1:" + MANAGEMENT + "/q/faults" + path;
  }

  @AfterEach
  void clear() {
    given().delete(faults("")).then().statusCode(200);
  }

  @Test
  void onlyTheChaosProfileMayTurnThemOn() {
    assertThat(FaultSwitches.refusal(true, List.of("prod"))).contains("chaos");
    assertThat(FaultSwitches.refusal(true, List.of("test"))).contains("never for production");
    assertThat(FaultSwitches.refusal(true, List.of("prod", "chaos"))).isNull();
    assertThat(FaultSwitches.refusal(false, List.of("prod"))).isNull();
  }

  @Test
  void anErrorBurstAnswers500OnTheApiUntilCleared() {
    given().get("/api/v1/ping").then().statusCode(200);
    given().post(faults("/errors?ratio=1&seconds=60")).then().statusCode(202);

    given()
        .get("/api/v1/ping")
        .then()
        .statusCode(500)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", equalTo(500));
    given()
        .get(faults(""))
        .then()
        .body("errors.seconds_left", org.hamcrest.Matchers.greaterThan(0));

    given().delete(faults("")).then().statusCode(200);
    given().get("/api/v1/ping").then().statusCode(200);
  }

  @Test
  void aLeakHoldsHeapUntilCleared() {
    given().post(faults("/leak?mib=2&max_mib=6&seconds=60")).then().statusCode(202);
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> given().get(faults("")).jsonPath().getInt("leak.held_mib") == 6);

    given().delete(faults("")).then().statusCode(200).body("leak.held_mib", equalTo(0));
  }

  @Test
  void badOrUnknownFaultsAre400() {
    given().post(faults("/errors?ratio=2")).then().statusCode(400);
    // This module has no Kafka consumer: nothing to stall.
    given().post(faults("/stall?channel=memory-events")).then().statusCode(400);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
