package io.membank.search.index.qdrant;

import com.google.common.util.concurrent.ListenableFuture;
import java.util.concurrent.ExecutionException;

/** Waits for a Qdrant call; a failure becomes an unchecked exception naming the operation. */
final class QdrantCalls {

  private QdrantCalls() {}

  static <T> T await(ListenableFuture<T> call, String operation) {
    try {
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QdrantStoreException("qdrant " + operation + " interrupted", e);
    } catch (ExecutionException e) {
      // The server's status and message; requests and credentials are not part of it.
      throw new QdrantStoreException("qdrant " + operation + " failed: " + e.getCause(), e);
    }
  }

  /** A Qdrant call that failed. */
  static final class QdrantStoreException extends RuntimeException {
    QdrantStoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
