package io.membank.audit.support;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * The receivers audit-service sends to, as real local servers: a PagerDuty Events API v2 stand-in
 * (WireMock, answering 202 like PagerDuty) and an SMTP server (GreenMail).
 */
public class Receivers implements QuarkusTestResourceLifecycleManager {

  /** The routing key the service under test is configured with. */
  public static final String ROUTING_KEY = "R0UT1NGKEY0123456789ABCDEFGHIJKL";

  public static WireMockServer pagerDuty;
  public static GreenMail smtp;

  @Override
  public Map<String, String> start() {
    pagerDuty = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    pagerDuty.start();
    stubAccepting();
    smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    return Map.of(
        "membank.audit.alerts.pagerduty.url",
        pagerDuty.baseUrl() + "/v2/enqueue",
        "membank.audit.alerts.pagerduty.routing-key",
        ROUTING_KEY,
        "quarkus.mailer.mock",
        "false",
        "quarkus.mailer.host",
        "127.0.0.1",
        "quarkus.mailer.port",
        Integer.toString(smtp.getSmtp().getPort()),
        "quarkus.mailer.start-tls",
        "DISABLED");
  }

  /** PagerDuty's answer to a well-formed event. */
  public static void stubAccepting() {
    pagerDuty.resetAll();
    pagerDuty.stubFor(
        WireMock.post("/v2/enqueue")
            .willReturn(
                WireMock.aResponse()
                    .withStatus(202)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"status\":\"success\",\"message\":\"Event processed\","
                            + "\"dedup_key\":\"x\"}")));
  }

  @Override
  public void stop() {
    pagerDuty.stop();
    smtp.stop();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
