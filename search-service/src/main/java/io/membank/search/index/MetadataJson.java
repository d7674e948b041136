package io.membank.search.index;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** Client metadata is stored as given, as JSON text. */
public final class MetadataJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private MetadataJson() {}

  /** The metadata as JSON text. */
  public static String write(Map<String, Object> metadata) {
    try {
      return JSON.writeValueAsString(metadata);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("metadata is not serializable", e);
    }
  }

  /** Stored JSON text as metadata (empty for null). */
  public static Map<String, Object> read(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored metadata is not JSON", e);
    }
  }
}
