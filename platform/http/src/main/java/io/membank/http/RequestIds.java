package io.membank.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Accepts a client's X-Request-Id when it is safe to log, otherwise makes a new one. */
public final class RequestIds {

  /** The header carrying the request id in and out. */
  public static final String HEADER = "X-Request-Id";

  /** The request-context property and MDC key holding it. */
  public static final String KEY = "request_id";

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** The given id if it is safe (bounded, no control characters), else a fresh UUID. */
  public static String acceptOrGenerate(String fromClient) {
    if (fromClient != null && SAFE.matcher(fromClient).matches()) {
      return fromClient;
    }
    return UUID.randomUUID().toString();
  }
}
