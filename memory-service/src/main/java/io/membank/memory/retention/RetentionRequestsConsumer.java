package io.membank.memory.retention;

import io.membank.contracts.RetentionRequested;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Retention passes of governance-service ({@code governance.retention}); a record that is not a
 * valid request goes to {@code governance.retention.dlq.memory-service}.
 */
@ApplicationScoped
public class RetentionRequestsConsumer {

  /** The channel name, as in application.properties. */
  public static final String CHANNEL = "governance-retention";

  private final RetentionDeletion deletion;

  public RetentionRequestsConsumer(RetentionDeletion deletion) {
    this.deletion = deletion;
  }

  @Incoming(CHANNEL)
  @Blocking
  public void consume(String record) {
    deletion.apply(RetentionRequested.parse(record));
  }
}
