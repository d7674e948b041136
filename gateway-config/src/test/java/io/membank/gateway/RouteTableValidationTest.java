package io.membank.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table rejects what the gateways could not route unambiguously or safely. */
class RouteTableValidationTest {

  private static final String HEAD =
      """
      tiers: {read: {per_minute: 10}}
      services:
        - {name: a-service, short: a, local: 127.0.0.1:9001, kubernetes: "http://a-service.membank.svc.cluster.local:8080"}
        - {name: b-service, short: b, local: 127.0.0.1:9002, kubernetes: "http://b-service.membank.svc.cluster.local:8080"}
      routes:
      """;

  private static RouteTable parse(String routes) throws Exception {
    return RouteTable.fromTree(new ObjectMapper(new YAMLFactory()).readTree(HEAD + routes));
  }

  @Test
  void acceptsAMinimalTable() throws Exception {
    RouteTable t =
        parse(
            "  - {id: x, service: a-service, methods: [GET], path: \"/api/v1/x/{id}\", tier: read}\n");
    assertThat(t.routes().get(0).maxBody()).isEqualTo("1m");
    assertThat(t.routes().get(0).path().nginxRegex()).isEqualTo("^/api/v1/x/[^/]+$");
    assertThat(t.routes().get(0).path().kongPath()).isEqualTo("~/api/v1/x/[^/]+$");
  }

  @Test
  void rejectsAnonymousRoutesDuplicatesAndConflicts() {
    Map<String, String> bad =
        Map.of(
            "auth must be required",
            "  - {id: x, service: a-service, methods: [GET], path: /api/v1/x, tier: read, auth: none}\n",
            "is already route",
            "  - {id: x, service: a-service, methods: [GET], path: \"/api/v1/x/{id}\", tier: read}\n"
                + "  - {id: y, service: a-service, methods: [GET, PUT], path: \"/api/v1/x/{id}\", tier: read}\n",
            "has the shape of",
            "  - {id: x, service: a-service, methods: [GET], path: \"/api/v1/x/{id}\", tier: read}\n"
                + "  - {id: y, service: b-service, methods: [PUT], path: \"/api/v1/x/{id}\", tier: read}\n",
            "unknown tier",
            "  - {id: x, service: a-service, methods: [GET], path: /api/v1/x, tier: gold}\n",
            "public routes live under /api/",
            "  - {id: x, service: a-service, methods: [GET], path: /q/health, tier: read}\n",
            "neither",
            "  - {id: x, service: a-service, methods: [GET], path: /api/v1/x*, tier: read}\n",
            "unknown key",
            "  - {id: x, service: a-service, methods: [GET], path: /api/v1/x, tier: read, anon: 1}\n");
    bad.forEach(
        (message, routes) ->
            assertThatThrownBy(() -> parse(routes))
                .as(message)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message));
  }

  @Test
  void portsFromEnvironment() throws Exception {
    RouteTable t =
        parse("  - {id: x, service: a-service, methods: [GET], path: /api/v1/x, tier: read}\n");
    Map<String, String> env = Map.of("MEMBANK_GATEWAY_PORT", "18080", "MEMBANK_B_PORT", "19002");
    NginxConfigRenderer.Listen listen = GatewayConfigGenerator.listenFromEnv(t, env::get);
    String conf = NginxConfigRenderer.render(t, listen, true);
    assertThat(conf)
        .contains("listen 127.0.0.1:18080;")
        .contains("server 127.0.0.1:9001;")
        .contains("server 127.0.0.1:19002;");
    assertThatThrownBy(
            () -> GatewayConfigGenerator.listenFromEnv(t, Map.of("MEMBANK_A_PORT", "x")::get))
        .hasMessageContaining("MEMBANK_A_PORT");
  }

  @Test
  void pagesNeedAServiceOrABundleAndAPrefixOrAnExactPath() throws Exception {
    String route = "  - {id: x, service: a-service, methods: [GET], path: /api/v1/x, tier: read}\n";
    RouteTable t =
        parse(
            route
                + "pages:\n"
                + "  - {id: p, prefix: /p/, service: a-service}\n"
                + "  - {id: d, exact: /api/v1/d.json, bundle: docs, kubernetes: \"http://d:8080\"}\n");
    assertThat(t.pages().get(0).nginxRegex()).isEqualTo("^/p/(?<page>.*)$");
    assertThat(t.pages().get(0).kongPath()).isEqualTo("~/p/.*$");
    assertThat(t.pages().get(1).nginxRegex()).isEqualTo("^/api/v1/d\\.json$");
    Map<String, String> bad =
        Map.of(
            "give service or bundle",
            "  - {id: p, prefix: /p/}\n",
            "give prefix or exact",
            "  - {id: p, prefix: /p/, exact: /p/x, service: a-service}\n",
            "unknown service",
            "  - {id: p, prefix: /p/, service: c-service}\n",
            "needs kubernetes",
            "  - {id: p, prefix: /p/, bundle: docs}\n",
            "prefix must look like",
            "  - {id: p, prefix: /p, service: a-service}\n",
            "must be unique",
            "  - {id: x, prefix: /p/, service: a-service}\n");
    bad.forEach(
        (message, pages) ->
            assertThatThrownBy(() -> parse(route + "pages:\n" + pages))
                .as(message)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message));
  }
}
