package io.membank.memory.erasure;

import io.membank.contracts.ErasureRequested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Erasure requests of governance-service ({@code governance.requests}); a record that is not a
 * valid request goes to {@code governance.requests.dlq.memory-service}.
 */
@ApplicationScoped
public class ErasureRequestsConsumer {

  /** The channel name, as in application.properties. */
  public static final String CHANNEL = "governance-requests";

  private final SubjectErasure erasure;

  public ErasureRequestsConsumer(SubjectErasure erasure) {
    this.erasure = erasure;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(String record) {
    erasure.erase(ErasureRequested.parse(record));
  }
}
