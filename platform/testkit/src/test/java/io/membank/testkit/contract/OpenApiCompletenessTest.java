package io.membank.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenApiCompletenessTest {

  private static final String COMPLETE =
      """
      paths:
        /api/v1/things/{id}:
          get:
            responses:
              "200":
                content:
                  application/json:
                    schema: {$ref: "#/components/schemas/Thing"}
              "404":
                content:
                  application/problem+json:
                    schema: {$ref: "#/components/schemas/Problem"}
          delete:
            responses:
              "204": {description: Deleted}
        /q/health:
          get:
            responses: {}
      components:
        schemas:
          Thing:
            type: object
            properties:
              id: {type: string, description: The thing's id}
              parts:
                type: array
                description: Its parts
                items:
                  type: object
                  properties:
                    name: {type: string, description: The part's name}
      """;

  @Test
  void aCompleteDocumentHasNoGaps() throws Exception {
    assertThat(OpenApiCompleteness.gaps(OpenApiContract.parse(COMPLETE))).isEmpty();
  }

  @Test
  void namesMissingSuccessSchemasPlainErrorsAndUndescribedFields() throws Exception {
    String incomplete =
        """
        paths:
          /api/v1/things:
            get:
              responses:
                "401": {description: Not Authorized}
            post:
              requestBody:
                content:
                  application/json:
                    schema:
                      type: object
                      properties:
                        name: {type: string}
              responses:
                "201": {description: Created}
        components:
          schemas:
            Thing:
              type: object
              properties:
                parts:
                  type: array
                  description: Its parts
                  items:
                    type: object
                    properties:
                      name: {type: string}
        """;
    assertThat(OpenApiCompleteness.gaps(OpenApiContract.parse(incomplete)))
        .containsExactlyInAnyOrder(
            "GET /api/v1/things: error 401 is not problem+json with the Problem schema",
            "GET /api/v1/things: no success (2xx) response",
            "POST /api/v1/things: response 201 has no body schema",
            "POST /api/v1/things request body: property name has no description",
            "schema Thing.parts[]: property name has no description");
  }
}
