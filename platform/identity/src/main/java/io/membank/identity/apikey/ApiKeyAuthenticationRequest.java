package io.membank.identity.apikey;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented with a request, not yet verified. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

  private final String key;

  ApiKeyAuthenticationRequest(String key) {
    this.key = key;
  }

  /** The key as sent. */
  String key() {
    return key;
  }
}
