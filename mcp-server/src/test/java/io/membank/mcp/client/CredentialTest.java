package io.membank.mcp.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which header becomes the credential passed to MemBank. */
class CredentialTest {

  @Test
  void aBearerAuthorizationIsPassedAsItIs() {
    assertThat(Credential.fromHeaders("Bearer abc.def", null)).contains("Bearer abc.def");
    assertThat(Credential.fromHeaders("bearer  mb_key ", null)).contains("Bearer mb_key");
  }

  @Test
  void anApiKeyHeaderBecomesABearer() {
    assertThat(Credential.fromHeaders(null, "mb_123")).contains("Bearer mb_123");
  }

  @Test
  void bearerWinsOverTheApiKeyHeader() {
    assertThat(Credential.fromHeaders("Bearer jwt", "mb_123")).contains("Bearer jwt");
  }

  @Test
  void otherSchemesAndBlanksAreNoCredential() {
    assertThat(Credential.fromHeaders("Basic dXNlcjpwdw==", null)).isEmpty();
    assertThat(Credential.fromHeaders(null, " ")).isEmpty();
    assertThat(Credential.fromHeaders(null, null)).isEmpty();
  }
}
