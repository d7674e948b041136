package io.membank.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {

  static final String JWT =
      "eyJhbGciOiJSUzI1NiIsImtpZCI6Im1lbWJhbmstdXNlciJ9.eyJzdWIiOiJhcHAtMSIsInRlbmFudCI6ImFjbWUifQ"
          + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmU";

  @Test
  void bearerTokensAndJwtsAreRemoved() {
    assertThat(Redaction.redact("Authorization: Bearer " + JWT + " from 10.0.0.1"))
        .doesNotContain(JWT)
        .doesNotContain("c2lnbmF0dXJl")
        .contains("from 10.0.0.1");
    assertThat(Redaction.redact("calling with bearer abcdefgh12345678 now"))
        .isEqualTo("calling with bearer [REDACTED] now");
    assertThat(Redaction.redact("token in text " + JWT)).isEqualTo("token in text [REDACTED]");
  }

  @Test
  void valuesOfSecretLookingKeysAreRemoved() {
    assertThat(Redaction.redact("login user=bob password=hunter2 ok"))
        .isEqualTo("login user=bob password=[REDACTED] ok");
    assertThat(Redaction.redact("{\"api_key\":\"sk-live-123\",\"model\":\"gpt\"}"))
        .isEqualTo("{\"api_key\":\"[REDACTED]\",\"model\":\"gpt\"}");
    assertThat(Redaction.redact("db_password: s3cr3t; client_secret=xyz&x=1"))
        .isEqualTo("db_password: [REDACTED]; client_secret=[REDACTED]&x=1");
    assertThat(Redaction.redact("{\"routing_key\" : \"R0ut1ng\\\"Key\"}"))
        .isEqualTo("{\"routing_key\" : \"[REDACTED]\"}");
  }

  @Test
  void ordinaryTextIsUntouched() {
    String text = "memory.job.completed job_id=42 tenant=acme user_id=u-1 added=2 tokens_in=12";
    assertThat(Redaction.redact("memory.job.completed job_id=42 tenant=acme user_id=u-1 added=2"))
        .isEqualTo("memory.job.completed job_id=42 tenant=acme user_id=u-1 added=2");
    // "tokens_in" names a token count, which the key rule would also hide: acceptable, but
    // the rest of the line survives.
    assertThat(Redaction.redact(text)).startsWith("memory.job.completed job_id=42 tenant=acme");
    assertThat(Redaction.redact(null)).isNull();
  }
}
