package io.membank.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The ObjectMapper of the REST layer: the service's own mapper, reading strictly ({@link
 * StrictJson}). Kafka consumers and REST clients keep the lenient one, since events and answers
 * from a newer producer may carry fields this version does not know.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class RequestJson implements ContextResolver<ObjectMapper> {

  private final ObjectMapper strict;

  public RequestJson(ObjectMapper base, HttpConfig config) {
    this.strict =
        StrictJson.reader(
            base, config.json().maxNestingDepth(), config.json().failOnUnknownProperties());
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return strict;
  }
}
