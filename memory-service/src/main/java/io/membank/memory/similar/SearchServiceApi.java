package io.membank.memory.similar;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * search-service's internal similar-memories endpoint, as a REST client ({@code
 * quarkus.rest-client.search.url}).
 */
@RegisterRestClient(configKey = "search")
@Path("/internal/v1/memories/similar")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SearchServiceApi {

  /** The statements to match, for one user. */
  record Request(String userId, List<String> texts, int limit) {}

  /** One current memory like a statement. */
  record Match(String id, String content, long version, double score) {}

  /** The matches of one statement, by its position in the request. */
  record Matches(int index, List<Match> memories) {}

  /** All matches. */
  record Response(List<Matches> results) {}

  @POST
  Response similar(@HeaderParam("Authorization") String authorization, Request request);
}
