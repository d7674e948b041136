package io.membank.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every request an id (the client's X-Request-Id or a new one), logs it and returns it. */
public class RequestIdFilters {

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String id = RequestIds.acceptOrGenerate(request.getHeaderString(RequestIds.HEADER));
    request.setProperty(RequestIds.KEY, id);
    MDC.put(RequestIds.KEY, id);
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    Object id = request.getProperty(RequestIds.KEY);
    if (id != null) {
      response.getHeaders().putSingle(RequestIds.HEADER, id);
    }
    MDC.remove(RequestIds.KEY);
  }
}
