package io.membank.memory.store;

import jakarta.persistence.EntityManager;

/** PostgreSQL transaction-scoped advisory locks: serialise work on one key across instances. */
public final class AdvisoryLocks {

  private AdvisoryLocks() {}

  /** Waits for the lock on {@code key}; it is released when the current transaction ends. */
  public static void lockForTransaction(EntityManager em, String key) {
    em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))")
        .setParameter("k", key)
        .getSingleResult();
  }
}
