package io.membank.graph.extract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in extractor's world knowledge ({@code graph/knowledge.tsv}): known names with their
 * kind and aliases across languages, and the links between them ("Starbucks sells coffee"). It is
 * the only source of links between entities that no sentence states: small, reviewed, and shown as
 * {@code built-in knowledge} in the context of what it adds.
 */
public final class KnowledgeTable {

  /** A known entity. */
  public record Entry(String key, EntityType type, List<String> aliases, List<Link> links) {

    /** The alias to show in a text of this script: a CJK alias for CJK text, else the first. */
    public String nameFor(boolean cjkText) {
      if (cjkText) {
        for (String a : aliases) {
          if (Scripts.hasCjk(a)) {
            return a;
          }
        }
      }
      return aliases.get(0);
    }
  }

  /** A fact from one entry to another. */
  public record Link(String targetKey, String label) {}

  /** Where an alias was found in a text. */
  public record Hit(Entry entry, String surface, int start, int end) {}

  private static final KnowledgeTable DEFAULT = load("/graph/knowledge.tsv");

  private final Map<String, Entry> byKey;
  private final Map<String, Entry> byAlias;
  private final Pattern latinAliases;
  private final List<String> cjkAliases;

  private KnowledgeTable(List<Entry> entries) {
    byKey = new LinkedHashMap<>();
    byAlias = new HashMap<>();
    List<String> latin = new ArrayList<>();
    List<String> cjk = new ArrayList<>();
    for (Entry e : entries) {
      byKey.put(e.key(), e);
      for (String alias : e.aliases()) {
        byAlias.put(EntityKeys.normalize(alias), e);
        (Scripts.hasCjk(alias) ? cjk : latin).add(alias);
      }
    }
    // Longest first, so "green tea" wins over "tea" at the same place.
    latin.sort(Comparator.comparingInt(String::length).reversed());
    cjk.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder alt = new StringBuilder();
    for (String a : latin) {
      if (!alt.isEmpty()) {
        alt.append('|');
      }
      // Proper names (with a capital) match as written; common nouns in any case.
      String quoted = Pattern.quote(a);
      alt.append(a.equals(a.toLowerCase(Locale.ROOT)) ? "(?i:" + quoted + ")" : quoted);
    }
    latinAliases = Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + alt + ")(?![\\p{L}\\p{N}])");
    cjkAliases = List.copyOf(cjk);
  }

  /** The table shipped with the service. */
  public static KnowledgeTable builtIn() {
    return DEFAULT;
  }

  /** The entry whose key or alias this name is, if any. */
  public Entry lookup(String name) {
    if (name == null) {
      return null;
    }
    String k = EntityKeys.normalize(name);
    Entry e = byAlias.get(k);
    return e != null ? e : byKey.get(k);
  }

  /** The entry with this key. */
  public Entry byKey(String key) {
    return byKey.get(key);
  }

  /** Every non-overlapping mention of a known name in the text, longest names first. */
  public List<Hit> find(String text) {
    List<Hit> hits = new ArrayList<>();
    boolean[] taken = new boolean[text.length()];
    Matcher m = latinAliases.matcher(text);
    while (m.find()) {
      claim(hits, taken, m.group(), m.start(), m.end());
    }
    for (String alias : cjkAliases) {
      for (int at = text.indexOf(alias); at >= 0; at = text.indexOf(alias, at + 1)) {
        claim(hits, taken, alias, at, at + alias.length());
      }
    }
    hits.sort(Comparator.comparingInt(Hit::start));
    return hits;
  }

  private void claim(List<Hit> hits, boolean[] taken, String surface, int start, int end) {
    for (int i = start; i < end; i++) {
      if (taken[i]) {
        return;
      }
    }
    for (int i = start; i < end; i++) {
      taken[i] = true;
    }
    hits.add(new Hit(Objects.requireNonNull(lookup(surface)), surface, start, end));
  }

  static KnowledgeTable load(String resource) {
    List<Entry> entries = new ArrayList<>();
    try (InputStream in = KnowledgeTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        List<Link> links = new ArrayList<>();
        if (cols.length > 3) {
          for (String link : cols[3].split(",")) {
            int colon = link.indexOf(':');
            links.add(
                new Link(link.substring(0, colon).strip(), link.substring(colon + 1).strip()));
          }
        }
        entries.add(
            new Entry(
                cols[0].strip(),
                EntityType.of(cols[1]),
                List.of(cols[2].strip().split("\\|")),
                List.copyOf(links)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new KnowledgeTable(entries);
  }
}
