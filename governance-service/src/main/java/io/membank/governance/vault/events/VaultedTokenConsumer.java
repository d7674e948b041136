package io.membank.governance.vault.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.contracts.CloudEvent;
import io.membank.contracts.EventJson;
import io.membank.contracts.EventTypes;
import io.membank.contracts.VaultedToken;
import io.membank.governance.vault.store.TokenVault;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Stores the tokens services wrote on {@code governance.vault}. A record that is not a valid {@link
 * VaultedToken} event fails and goes to the dead-letter topic; nothing is dropped silently.
 */
@ApplicationScoped
public class VaultedTokenConsumer {

  /** The channel name, as in application.properties. */
  public static final String CHANNEL = "governance-vault";

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final TypeReference<CloudEvent<VaultedToken>> EVENT = new TypeReference<>() {};
  private static final Pattern TOKEN = Pattern.compile("tok_[A-Za-z0-9_-]{8,64}");
  private static final Pattern SEALED = Pattern.compile("[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{20,}");

  private final TokenVault vault;

  public VaultedTokenConsumer(TokenVault vault) {
    this.vault = vault;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(String record) throws Exception {
    CloudEvent<VaultedToken> event = JSON.readValue(record, EVENT);
    VaultedToken token = event.data();
    if (!EventTypes.GOVERNANCE_TOKEN_VAULTED.equals(event.type())
        || token == null
        || token.tenantId() == null
        || token.tenantId().isBlank()
        || !token.tenantId().equals(event.tenantid())
        || token.token() == null
        || !TOKEN.matcher(token.token()).matches()
        || token.ciphertext() == null
        || !SEALED.matcher(token.ciphertext()).matches()
        || token.dataType() == null
        || token.service() == null) {
      throw new IllegalArgumentException("not a vaulted token event: " + event.id());
    }
    vault.store(token);
  }
}
