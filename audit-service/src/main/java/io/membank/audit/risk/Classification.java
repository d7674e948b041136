package io.membank.audit.risk;

import java.util.List;

/**
 * What the rules say about one event: its risk, the rules that matched, and the compliance regimes
 * it touches. Stored (and hashed) with the record.
 */
public record Classification(RiskLevel risk, List<String> reasons, List<String> compliance) {}
