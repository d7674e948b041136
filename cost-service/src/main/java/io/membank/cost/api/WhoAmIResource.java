package io.membank.cost.api;

import io.membank.identity.WhoAmIEndpoint;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller as cost-service sees it (see {@link WhoAmIEndpoint}). */
@Path("/api/v1/cost/whoami")
@Tag(name = "identity")
public class WhoAmIResource extends WhoAmIEndpoint {}
