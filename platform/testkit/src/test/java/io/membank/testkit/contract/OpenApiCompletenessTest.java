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
              id: {type: string, description: The thing's id, example: t-1}
              state: {type: string, description: Its state, enum: [new, old]}
              owner: {$ref: "#/components/schemas/Owner", description: Who owns it}
              parts:
                type: array
                description: Its parts
                items:
                  type: object
                  properties:
                    name: {type: string, description: The part's name, example: wheel}
                    note:
                      type: [string, "null"]
                      description: A note
                      examples: [spare]
          Owner:
            type: object
            description: Who owns it
            properties:
              tags: {type: array, description: Its tags, items: {type: string}}
      """;

  @Test
  void aCompleteDocumentHasNoGaps() throws Exception {
    assertThat(OpenApiCompleteness.gaps(OpenApiContract.parse(COMPLETE))).isEmpty();
  }

  @Test
  void namesMissingSuccessSchemasPlainErrorsAndUndescribedOrExamplelessFields() throws Exception {
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
                        count: {type: [integer, "null"], description: How many}
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
            "POST /api/v1/things request body: property name has no example",
            "POST /api/v1/things request body: property count has no example",
            "schema Thing.parts[]: property name has no description",
            "schema Thing.parts[]: property name has no example");
  }
}
