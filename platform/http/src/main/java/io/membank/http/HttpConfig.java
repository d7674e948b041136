package io.membank.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits on what a MemBank service reads from a request, the same in every service. */
@ConfigMapping(prefix = "membank.http")
public interface HttpConfig {

  /** How request bodies are read. */
  Json json();

  /** Answers to a saturated dependency. */
  Overload overload();

  /** Test-only fault switches ({@link FaultSwitches}, bin/membank chaos). */
  Faults faults();

  /** JSON request bodies. */
  interface Json {

    /**
     * Deepest nesting of arrays and objects in a request body. The deepest body MemBank defines
     * (search filters of 8 levels inside a request) stays far below it, while a 1,000-level filter
     * once overflowed the stack of the recursive parser (issue 24 defect 6).
     */
    @WithDefault("64")
    int maxNestingDepth();

    /** Whether a field the operation does not define is a 400 (it is: a typo must not vanish). */
    @WithDefault("true")
    boolean failOnUnknownProperties();
  }

  /** 503 answers. */
  interface Overload {

    /** Seconds a client is told to wait (Retry-After) when a pool or queue is full. */
    @WithDefault("1")
    int retryAfterSeconds();
  }

  /** Test-only fault switches. */
  interface Faults {

    /**
     * Whether {@code /q/faults} exists on the management interface. Needs the {@code chaos}
     * configuration profile as well: a service refuses to start with it on and without that
     * profile.
     */
    @WithDefault("false")
    boolean enabled();
  }
}
