package io.membank.audit.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.config.AuditConfig;
import io.membank.audit.delivery.DeliveryChannel;
import io.membank.audit.delivery.DeliveryEntity;
import io.membank.contracts.EventJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Sends alert triggers to the PagerDuty Events API v2 ({@code POST /v2/enqueue}). 2xx is accepted;
 * 400 means the event is invalid and is not retried; 429, 5xx and network errors are retried.
 */
@ApplicationScoped
public class PagerDutyChannel implements DeliveryChannel {

  private static final ObjectMapper JSON = EventJson.newMapper();

  @Inject AuditConfig config;

  private final HttpClient http = HttpClient.newHttpClient();

  @Override
  public String name() {
    return "pagerduty";
  }

  @Override
  public void deliver(DeliveryEntity delivery) throws DeliveryException {
    AuditConfig.Alerts.PagerDuty pd = config.alerts().pagerduty();
    String routingKey =
        pd.routingKey()
            .orElseThrow(() -> new DeliveryException("no PagerDuty routing key configured", true));
    String body;
    try {
      ObjectNode event = (ObjectNode) JSON.readTree(delivery.payload);
      event.put("routing_key", routingKey);
      body = JSON.writeValueAsString(event);
    } catch (IOException | ClassCastException e) {
      throw new DeliveryException("unreadable PagerDuty event", true, e);
    }
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(pd.url()))
            .timeout(pd.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DeliveryException("PagerDuty unreachable: " + e, false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DeliveryException("interrupted", false, e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return;
    }
    String detail = "PagerDuty answered " + status + ": " + abbreviate(response.body());
    // 400: the event itself is invalid, sending it again cannot help.
    throw new DeliveryException(detail, status == 400);
  }

  private static String abbreviate(String s) {
    return s == null || s.length() <= 300 ? s : s.substring(0, 300);
  }
}
