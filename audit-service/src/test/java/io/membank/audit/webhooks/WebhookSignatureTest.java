package io.membank.audit.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.membank.audit.webhooks.service.WebhookSignature;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Signatures as the Standard Webhooks specification defines them. */
class WebhookSignatureTest {

  @Test
  void matchesTheStandardWebhooksReferenceVector() {
    // The example of the Standard Webhooks reference libraries (secret, id, timestamp, payload).
    String signature =
        WebhookSignature.sign(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            "{\"test\": 2432232314}");
    assertThat(signature).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void anyChangeOfIdTimestampOrBodyChangesTheSignature() {
    String secret = WebhookSignature.newSecret();
    String base = WebhookSignature.sign(secret, "id-1", 100, "{}");
    assertThat(WebhookSignature.sign(secret, "id-2", 100, "{}")).isNotEqualTo(base);
    assertThat(WebhookSignature.sign(secret, "id-1", 101, "{}")).isNotEqualTo(base);
    assertThat(WebhookSignature.sign(secret, "id-1", 100, "{ }")).isNotEqualTo(base);
    assertThat(WebhookSignature.sign(WebhookSignature.newSecret(), "id-1", 100, "{}"))
        .isNotEqualTo(base);
  }

  @Test
  void newSecretsAreWhsecWith32RandomBytes() {
    String a = WebhookSignature.newSecret();
    assertThat(a).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(a.substring(6))).hasSize(32);
    assertThat(WebhookSignature.newSecret()).isNotEqualTo(a);
    assertThatThrownBy(() -> WebhookSignature.sign("plain", "id", 1, "{}"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
