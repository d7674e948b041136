package io.membank.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OwnerScopeTest {

  @Test
  void anyScopeAdmitsEveryOwner() {
    assertThat(OwnerScope.ANY.admits("alice", null)).isTrue();
    assertThat(OwnerScope.ANY.admits("bob", "planner")).isTrue();
  }

  @Test
  void userScopeAdmitsOnlyThatUsersMemories() {
    OwnerScope alice = new OwnerScope("alice", null);
    assertThat(alice.admits("alice", "planner")).isTrue();
    assertThat(alice.admits("bob", null)).isFalse();
    assertThat(alice.admits(null, null)).isFalse();
  }

  @Test
  void agentScopeAdmitsOnlyThatAgentsMemories() {
    OwnerScope planner = new OwnerScope(null, "planner");
    assertThat(planner.admits("alice", "planner")).isTrue();
    assertThat(planner.admits("alice", "writer")).isFalse();
    assertThat(planner.admits("alice", null)).isFalse();
  }

  @Test
  void bothScopesMustHold() {
    OwnerScope both = new OwnerScope("alice", "planner");
    assertThat(both.admits("alice", "planner")).isTrue();
    assertThat(both.admits("alice", "writer")).isFalse();
    assertThat(both.admits("bob", "planner")).isFalse();
  }
}
