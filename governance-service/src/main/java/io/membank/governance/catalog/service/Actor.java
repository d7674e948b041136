package io.membank.governance.catalog.service;

import java.util.Set;

/** Who acts on the catalog (an operator admin for changes). */
public record Actor(String tenant, String subject, Set<String> roles) {}
