package io.membank.search.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The keyword side's terms, the same for every store: {@link MemoryAnalyzer} tokens (words;
 * Chinese, Japanese and Korean as characters and bigrams), and for queries without the question
 * words and pronouns that say nothing about which memory is meant.
 */
public final class TextTerms {

  /** Function words dropped from queries (documents keep them). */
  static final Set<String> QUERY_STOP_WORDS =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is",
          "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there",
          "these", "they", "this", "to", "was", "will", "with", "i", "me", "my", "mine", "we",
          "our", "you", "your", "what", "which", "who", "whom", "whose", "where", "when", "why",
          "how", "do", "does", "did", "have", "has", "had", "am", "can", "could", "would", "should",
          "about", "any", "some", "tell", "know");

  /** Bound on the terms of one query (Lucene refuses more than 1024 clauses). */
  static final int MAX_QUERY_TERMS = 256;

  private static final Analyzer ANALYZER = new MemoryAnalyzer();

  private TextTerms() {}

  /** Every token of a stored text, repeats included (term frequencies count them). */
  public static List<String> document(String text) {
    List<String> out = new ArrayList<>();
    tokens(text == null ? "" : text, Integer.MAX_VALUE, out);
    return out;
  }

  /**
   * The distinct terms of a query, in order, at most {@link #MAX_QUERY_TERMS}: without question
   * words and pronouns ("what do I …" would otherwise match every first-person memory), unless
   * nothing else is left. Empty when the text has no token at all.
   */
  public static Set<String> query(String text) {
    Set<String> terms = new LinkedHashSet<>();
    tokens(text, MAX_QUERY_TERMS, terms);
    Set<String> content = new LinkedHashSet<>(terms);
    content.removeAll(QUERY_STOP_WORDS);
    return content.isEmpty() ? terms : content;
  }

  private static void tokens(String text, int max, java.util.Collection<String> out) {
    try (TokenStream tokens = ANALYZER.tokenStream(MemoryIndex.CONTENT, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && out.size() < max) {
        out.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
