package io.membank.memory.ratelimit;

import io.membank.http.Problem;
import io.membank.http.ProblemMappers;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** The tenant used up its budget for this minute. */
public class RateLimitExceededException extends RuntimeException {

  private final transient String tier;
  private final long limit;
  private final long retryAfterSeconds;

  public RateLimitExceededException(String tier, long limit, long retryAfterSeconds) {
    super("rate limit exceeded");
    this.tier = tier;
    this.limit = limit;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** 429 with Retry-After, so clients back off and retry. */
  public static class Mapper {
    @ServerExceptionMapper
    public Response map(RateLimitExceededException e, UriInfo uri) {
      Problem problem =
          Problem.of(
              429,
              "rate-limited",
              "Too many requests",
              "The tenant's "
                  + e.tier
                  + " budget of "
                  + e.limit
                  + " requests per minute is used up; retry after "
                  + e.retryAfterSeconds
                  + " s");
      return Response.fromResponse(ProblemMappers.respond(problem, uri))
          .header("Retry-After", e.retryAfterSeconds)
          .build();
    }
  }
}
