package io.membank.memory.memory;

import java.util.Map;

/**
 * A manual edit of a memory: a new version with this content.
 *
 * @param metadata replaces the memory's metadata when not null
 */
public record MemoryEdit(String content, Map<String, Object> metadata) {}
