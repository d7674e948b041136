package io.membank.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every service of the running suite is ready and says who it is on its management port. */
class StackReadinessIT {

  static Stream<Stack.Service> services() {
    return Stack.current().services().stream();
  }

  @ParameterizedTest(name = "{0} is ready")
  @MethodSource("services")
  void readinessIsUp(Stack.Service service) {
    // `up` waited for readiness already; allow a short grace period for a flapping check.
    Awaitility.await(service.application() + " readiness")
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              Response ready = given().baseUri(service.managementUrl()).get("/q/health/ready");
              assertThat(ready.statusCode())
                  .as("GET %s/q/health/ready: %s", service.managementUrl(), ready.asString())
                  .isEqualTo(200);
              assertThat(ready.jsonPath().getString("status")).isEqualTo("UP");
            });
  }

  @ParameterizedTest(name = "{0} names itself and its version in /q/info")
  @MethodSource("services")
  void infoNamesServiceAndVersion(Stack.Service service) {
    Response info = given().baseUri(service.managementUrl()).get("/q/info");
    assertThat(info.statusCode())
        .as("GET %s/q/info: %s", service.managementUrl(), info.asString())
        .isEqualTo(200);
    JsonPath json = info.jsonPath();

    List<String> names = new ArrayList<>();
    for (String path : List.of("app.name", "application.name", "build.name", "build.artifact")) {
      String value = json.getString(path);
      if (value != null) {
        names.add(value);
      }
    }
    assertThat(names)
        .as(
            "app.name / build.name / build.artifact in %s/q/info: %s",
            service.managementUrl(), info.asString())
        .contains(service.application());

    String expectedVersion =
        System.getProperty("membank.expected.version", Stack.current().version());
    List<String> versions = new ArrayList<>();
    for (String path : List.of("app.version", "application.version", "build.version")) {
      String value = json.getString(path);
      if (value != null) {
        versions.add(value);
      }
    }
    assertThat(versions)
        .as(
            "app.version / build.version in %s/q/info: %s",
            service.managementUrl(), info.asString())
        .contains(expectedVersion);
  }
}
