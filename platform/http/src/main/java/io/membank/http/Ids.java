package io.membank.http;

/** Ids a client names (users, agents, sessions): the same rule in every MemBank API. */
public final class Ids {

  /** Bounded, printable, no path tricks. */
  public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}";

  private Ids() {}
}
