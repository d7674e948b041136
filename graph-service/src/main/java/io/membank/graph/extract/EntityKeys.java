package io.membank.graph.extract;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The identity of an entity within a user's graph: its kind plus a normalised name, where aliases
 * the knowledge table knows ("咖啡", "Coffee") share the key of their entry ("coffee").
 */
public final class EntityKeys {

  /** An entity's identity and the kind it is stored as. */
  public record Key(String key, EntityType type) {}

  private EntityKeys() {}

  /** NFKC, lower case, single spaces, no surrounding quotes or punctuation, no leading "the". */
  public static String normalize(String name) {
    String s = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    s = s.replaceAll("\\s+", " ").strip();
    s = s.replaceAll("^[\\p{Punct}\\p{IsPunctuation}\\s]+|[\\p{Punct}\\p{IsPunctuation}\\s]+$", "");
    if (s.startsWith("the ")) {
      s = s.substring(4);
    }
    return s;
  }

  /** The key and kind an extracted entity is stored under (the knowledge table's when known). */
  public static Key of(String name, EntityType type) {
    KnowledgeTable.Entry known = KnowledgeTable.builtIn().lookup(name);
    if (known != null) {
      return new Key(known.key(), known.type());
    }
    return new Key(normalize(name), type);
  }
}
