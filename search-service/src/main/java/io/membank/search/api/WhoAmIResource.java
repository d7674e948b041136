package io.membank.search.api;

import io.membank.identity.WhoAmIEndpoint;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The caller as search-service sees it (see {@link WhoAmIEndpoint}). */
@Path("/api/v1/search/whoami")
@Tag(name = "identity")
public class WhoAmIResource extends WhoAmIEndpoint {}
