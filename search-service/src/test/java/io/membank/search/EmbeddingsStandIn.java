package io.membank.search;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A WireMock server speaking the OpenAI embeddings protocol ({@code POST /v1/embeddings}) with the
 * toy model of {@link WordVectors}, and the base URL that points search-service at it. Tests add
 * stubs of a higher priority (a lower number than {@link #DEFAULT_PRIORITY}) to make it fail.
 */
public class EmbeddingsStandIn implements QuarkusTestResourceLifecycleManager {

  /** Priority of the answering stub. */
  static final int DEFAULT_PRIORITY = 10;

  static WireMockServer server;

  @Override
  public Map<String, String> start() {
    server =
        new WireMockServer(
            WireMockConfiguration.options().dynamicPort().extensions(new WordVectors()));
    server.start();
    server.stubFor(
        post(urlEqualTo("/v1/embeddings"))
            .atPriority(DEFAULT_PRIORITY)
            .willReturn(aResponse().withTransformers("word-vectors")));
    return Map.of("membank.search.embeddings.remote.base-url", server.baseUrl() + "/v1");
  }

  @Override
  public void stop() {
    server.stop();
  }
}
