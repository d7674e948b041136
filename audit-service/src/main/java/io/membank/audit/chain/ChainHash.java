package io.membank.audit.chain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.membank.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash of the chain: {@code hash = sha256(prev_hash || canonical JSON of the record)}, hex.
 * Canonical JSON has object keys sorted (recursively), no insignificant whitespace and no nulls, so
 * the same record always hashes the same.
 */
public final class ChainHash {

  /** What the first record of every tenant's chain links to. */
  public static final String GENESIS = "0".repeat(64);

  private static final ObjectMapper JSON = EventJson.newMapper();
  private static final HexFormat HEX = HexFormat.of();

  private ChainHash() {}

  /** The hash of a record whose canonical body is {@code body}, linked to {@code prevHash}. */
  public static String link(String prevHash, String body) {
    MessageDigest sha = sha256();
    sha.update(prevHash.getBytes(StandardCharsets.US_ASCII));
    sha.update(body.getBytes(StandardCharsets.UTF_8));
    return HEX.formatHex(sha.digest());
  }

  /** Hex SHA-256 of bytes (report contents). */
  public static String sha256Hex(byte[] bytes) {
    return HEX.formatHex(sha256().digest(bytes));
  }

  /** The canonical JSON text of a tree. */
  public static String canonical(JsonNode node) {
    try {
      return JSON.writeValueAsString(sorted(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("record not serializable", e);
    }
  }

  /** Parses a canonical body back into a tree. */
  public static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("record body is not JSON", e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node.isObject()) {
      Map<String, JsonNode> fields = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (!field.getValue().isNull()) {
          fields.put(field.getKey(), sorted(field.getValue()));
        }
      }
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      fields.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
