package io.membank.http;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Declares the problem+json errors of every operation of a service's OpenAPI document, all with the
 * one shared {@code Problem} schema, so resources only declare what is specific to them (a 409 with
 * its reason, a 422). Every operation may answer 400, 401, 403, 429 and 503 (the platform mappers,
 * the identity filter, the rate limits and saturation apply to all); one with a path parameter may
 * answer 404; one with a request body may answer 413 and 415. An error a resource declares keeps
 * its description and gets the Problem body. Runs at build time in every service that has
 * quarkus-smallrye-openapi (found through this module's Jandex index).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

  /** Name of the shared problem schema in {@code components/schemas}. */
  public static final String SCHEMA = "Problem";

  private static final String REF = "#/components/schemas/" + SCHEMA;
  private static final String FIELD_ERROR =
      "FieldError"; // the name the scanner gives Problem.FieldError

  private static final Map<String, String> ALWAYS =
      Map.of(
          "400", "Invalid request: the problem names each invalid field and why",
          "401",
              "Missing or invalid credential; the detail says which (missing, expired, not yet"
                  + " valid, bad signature, revoked)",
          "403", "The credential lacks the role this operation needs; the detail names it",
          "429", "Tenant rate limit reached; retry after the Retry-After header's seconds",
          "503", "Temporarily unavailable (saturated or a dependency is down); retry shortly");
  private static final String NOT_FOUND = "No such resource for this tenant";
  private static final String TOO_LARGE = "The request body exceeds this route's limit";
  private static final String UNSUPPORTED = "The request body must be application/json";
  private static final String GENERIC_401 = "Not Authorized";
  private static final String GENERIC_403 = "Not Allowed";

  @Override
  public void filterOpenAPI(OpenAPI openApi) {
    if (openApi.getPaths() == null || openApi.getPaths().getPathItems() == null) {
      return;
    }
    boolean any = false;
    for (Map.Entry<String, PathItem> path : openApi.getPaths().getPathItems().entrySet()) {
      for (Operation op : path.getValue().getOperations().values()) {
        declareProblems(op, path.getKey().contains("{"));
        any = true;
      }
    }
    if (any) {
      if (openApi.getComponents() == null) {
        openApi.setComponents(OASFactory.createComponents());
      }
      addSchemas(openApi.getComponents());
    }
  }

  private static void declareProblems(Operation op, boolean hasPathParameter) {
    APIResponses responses = op.getResponses();
    if (responses == null) {
      responses = OASFactory.createAPIResponses();
      op.setResponses(responses);
    }
    Map<String, String> wanted = new TreeMap<>(ALWAYS);
    if (hasPathParameter) {
      wanted.put("404", NOT_FOUND);
    }
    if (op.getRequestBody() != null) {
      wanted.put("413", TOO_LARGE);
      wanted.put("415", UNSUPPORTED);
    }
    Map<String, APIResponse> declared =
        responses.getAPIResponses() == null ? Map.of() : responses.getAPIResponses();
    for (Map.Entry<String, String> w : wanted.entrySet()) {
      APIResponse existing = declared.get(w.getKey());
      if (existing == null) {
        responses.addAPIResponse(w.getKey(), OASFactory.createAPIResponse());
      } else if (GENERIC_401.equals(existing.getDescription())
          || GENERIC_403.equals(existing.getDescription())) {
        existing.setDescription(null); // the framework's one-word default says less than ours
      }
    }
    for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
      if (isError(r.getKey())) {
        APIResponse response = r.getValue();
        if (response.getDescription() == null || response.getDescription().isBlank()) {
          response.setDescription(wanted.getOrDefault(r.getKey(), "Error"));
        }
        response.setContent(problemContent());
      }
    }
  }

  private static boolean isError(String code) {
    return code.length() == 3 && (code.charAt(0) == '4' || code.charAt(0) == '5');
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            Problem.MEDIA_TYPE,
            OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
  }

  private static void addSchemas(Components components) {
    components.addSchema(
        FIELD_ERROR,
        object("One invalid input field")
            .addProperty(
                "field",
                string(
                    "The field's JSON path in the request (query and path parameters by name)",
                    "filters.categories[0]"))
            .addProperty(
                "message",
                string("What is wrong with it and what is allowed", "must be one of: fact, ...")));
    components.addSchema(
        SCHEMA,
        object("An RFC 7807 problem document: the body of every error response in MemBank")
            .required(List.of("type", "title", "status"))
            .addProperty(
                "type",
                string(
                    "Stable URI naming the kind of problem; clients switch on it",
                    Problem.TYPE_BASE + "validation"))
            .addProperty("title", string("Short human summary of the kind", "Invalid request"))
            .addProperty(
                "status",
                OASFactory.createSchema()
                    .addType(SchemaType.INTEGER)
                    .format("int32")
                    .description("The HTTP status code")
                    .example(400))
            .addProperty(
                "detail",
                string(
                    "Human explanation of this occurrence: what to fix",
                    "The request has invalid fields"))
            .addProperty("instance", string("The request path", "/api/v1/memories"))
            .addProperty(
                "trace_id",
                string(
                    "The OpenTelemetry trace id, when tracing is on",
                    "4bf92f3577b34da6a3ce929d0e0e4736"))
            .addProperty(
                "request_id",
                string(
                    "The request id (the X-Request-Id header, or generated)",
                    "0b6f1d7e-3c1a-4b8e-9a55-2f3d8c1e7a90"))
            .addProperty(
                "errors",
                OASFactory.createSchema()
                    .addType(SchemaType.ARRAY)
                    .description("Field-level violations, for validation problems")
                    .items(OASFactory.createSchema().ref("#/components/schemas/" + FIELD_ERROR))));
  }

  private static Schema object(String description) {
    return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
  }

  private static Schema string(String description, String example) {
    return OASFactory.createSchema()
        .addType(SchemaType.STRING)
        .description(description)
        .example(example);
  }
}
