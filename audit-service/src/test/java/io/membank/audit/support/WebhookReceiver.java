package io.membank.audit.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver on loopback (the JDK's HTTP server) that records what it receives and checks
 * each Standard Webhooks signature itself, the way a subscriber's code would: HMAC-SHA256 keyed
 * with the base64 part of the {@code whsec_} secret, over {@code id.timestamp.body}. It can go down
 * (connections refused) and come back on the same port, or answer with an error status.
 */
public final class WebhookReceiver implements AutoCloseable {

  /** One request as received, with the headers a subscriber needs. */
  public record Received(String id, String timestamp, String signature, String body) {}

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int answer = 204;
  private HttpServer server;
  private int port;

  /** Starts on a free loopback port. */
  public static WebhookReceiver start() {
    WebhookReceiver r = new WebhookReceiver();
    r.up();
    return r;
  }

  /** Starts listening (again, on the same port once it had one). */
  public synchronized void up() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          var h = exchange.getRequestHeaders();
          received.add(
              new Received(
                  h.getFirst("webhook-id"),
                  h.getFirst("webhook-timestamp"),
                  h.getFirst("webhook-signature"),
                  new String(body, StandardCharsets.UTF_8)));
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    server.start();
    port = server.getAddress().getPort();
  }

  /** Stops listening: connections are refused until {@link #up()}. */
  public synchronized void down() {
    server.stop(0);
  }

  /** The status every request is answered with (204 unless set). */
  public void answer(int status) {
    answer = status;
  }

  /** The receiver's URL. */
  public String url() {
    return "http://127.0.0.1:" + port + "/hooks";
  }

  /** Everything received so far. */
  public List<Received> received() {
    return List.copyOf(received);
  }

  /** Whether the signature header holds a valid v1 signature of the request under the secret. */
  public static boolean verifies(Received r, String secret) {
    try {
      byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] expected =
          mac.doFinal(
              (r.id() + "." + r.timestamp() + "." + r.body()).getBytes(StandardCharsets.UTF_8));
      for (String candidate : r.signature().split(" ")) {
        if (candidate.startsWith("v1,")
            && MessageDigest.isEqual(
                expected, Base64.getDecoder().decode(candidate.substring(3)))) {
          return true;
        }
      }
      return false;
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public synchronized void close() {
    server.stop(0);
  }
}
