package io.membank.audit.api;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.audit.api.AuditDtos.VerifyView;
import io.membank.audit.chain.ChainVerifier;
import io.membank.http.Problem;
import io.membank.identity.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Verifies a tenant's hash chain and signed checkpoints; the verification is itself audited. */
@Path("/api/v1/audit/verify")
@Tag(name = "audit")
@Produces(MediaType.APPLICATION_JSON)
@APIResponse(
    responseCode = "400",
    description = "Invalid parameter",
    content =
        @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(responseCode = "401", description = "Missing or invalid credential")
@APIResponse(responseCode = "403", description = "Not an admin or auditor, or a foreign tenant")
public class VerifyResource {

  @Inject ChainVerifier verifier;
  @Inject TenantScope scope;
  @Inject TrailReads reads;

  @GET
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Operation(
      summary = "Verify the audit trail",
      description =
          "Walks the chain of records recorded within [from, to) (ISO-8601; the whole chain"
              + " without them) and reports the first broken link: record_missing,"
              + " hash_mismatch, content_mismatch, link_mismatch, checkpoint_mismatch,"
              + " checkpoint_invalid, or (when the walk reaches the head) tail_truncated. 200"
              + " either way: ok says whether the chain holds.")
  @APIResponse(
      responseCode = "200",
      description = "Whether the tenant's chain verifies, and where it breaks if not",
      content = @Content(schema = @Schema(implementation = VerifyView.class)))
  public VerifyView verify(
      @QueryParam("tenant") @Size(max = 64) String tenant,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    String target = scope.resolve(tenant);
    Instant start = AuditEventsResource.time("from", from);
    Instant end = AuditEventsResource.time("to", to);
    ChainVerifier.Result result = verifier.verify(target, start, end);
    ObjectNode details = JsonNodeFactory.instance.objectNode();
    details.put("from", from);
    details.put("to", to);
    details.put("ok", result.ok());
    details.put("records_checked", result.recordsChecked());
    if (result.firstBreak() != null) {
      details.put("first_break_seq", result.firstBreak().seq());
      details.put("first_break_reason", result.firstBreak().reason());
    }
    reads.record(target, "access", "audit_chain", null, details);
    return VerifyView.of(result);
  }
}
