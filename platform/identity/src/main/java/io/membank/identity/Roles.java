package io.membank.identity;

import java.util.Set;

/** The roles a MemBank credential can carry (the JWT {@code groups} claim). */
public final class Roles {

  /** Reads a tenant's data. */
  public static final String READER = "reader";

  /** Writes a tenant's data. */
  public static final String WRITER = "writer";

  /** Tenant-wide administration (user-wide deletes, exports). */
  public static final String ADMIN = "admin";

  /** Reads the audit trail and compliance reports. */
  public static final String AUDITOR = "auditor";

  /**
   * Another MemBank service acting for a tenant (service-to-service calls). Only credentials signed
   * with the service key may carry it; see {@link TenantClaimCheck}.
   */
  public static final String SERVICE = "service";

  /** Every role we know; anything else in a credential is ignored. */
  public static final Set<String> ALL = Set.of(READER, WRITER, ADMIN, AUDITOR, SERVICE);

  private Roles() {}
}
