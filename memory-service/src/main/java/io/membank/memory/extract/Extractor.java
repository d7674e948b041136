package io.membank.memory.extract;

/** Turns a conversation exchange into candidate facts. */
public interface Extractor {

  /** Candidate facts found in the exchange (possibly none: small talk yields nothing). */
  Extraction extract(Exchange exchange);
}
