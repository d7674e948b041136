package io.membank.identity;

/**
 * Whose memories a credential may touch: anyone's in its tenant (a JWT, an unscoped API key), or
 * only those of the one {@code user_id} and/or {@code agent_id} a scoped API key names. A read,
 * edit or delete by id of something outside the scope answers 404, as if it did not exist, so a
 * scoped key cannot learn which ids other users' memories have.
 *
 * @param userId the only owner user, or null for any
 * @param agentId the only owner agent, or null for any
 */
public record OwnerScope(String userId, String agentId) {

  /** No restriction beyond the tenant. */
  public static final OwnerScope ANY = new OwnerScope(null, null);

  /** Whether something owned by this user and agent is inside the scope. */
  public boolean admits(String ownerUserId, String ownerAgentId) {
    return (userId == null || userId.equals(ownerUserId))
        && (agentId == null || agentId.equals(ownerAgentId));
  }
}
