package io.membank.memory.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The SHA-256 of what a write asked for (whose memories, and the job input), over JSON with sorted
 * keys: equal requests give equal fingerprints whatever the order of their fields.
 */
final class RequestFingerprint {

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  private RequestFingerprint() {}

  static String of(String userId, String agentId, String sessionId, Map<String, Object> input) {
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("user_id", userId);
    request.put("agent_id", agentId);
    request.put("session_id", sessionId);
    request.put("input", input);
    try {
      byte[] json = CANONICAL.writeValueAsBytes(request);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (JsonProcessingException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("request fingerprint", e);
    }
  }
}
