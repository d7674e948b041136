package io.membank.privacy.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The labelled corpus (src/test/resources/corpus): sentences with their gold spans. */
record Corpus(List<Sentence> sentences) {

  /** A gold value: type and span in the unmarked text. */
  record Gold(DataType type, int start, int end) {}

  /** One sentence without its marks, and the marked values. */
  record Sentence(String language, String text, List<Gold> gold) {}

  private static final Pattern MARK = Pattern.compile("\\[\\[([A-Z_]+):(.*?)]]");

  static Corpus load() {
    List<Sentence> all = new ArrayList<>();
    for (String language : List.of("en", "zh", "hand")) {
      all.addAll(read(language));
    }
    return new Corpus(List.copyOf(all));
  }

  private static List<Sentence> read(String language) {
    String resource = "/corpus/corpus-" + language + ".txt";
    List<Sentence> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Corpus.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (!line.isBlank() && !line.startsWith("#")) {
          out.add(parse(language, line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static Sentence parse(String language, String line) {
    StringBuilder text = new StringBuilder();
    List<Gold> gold = new ArrayList<>();
    Matcher m = MARK.matcher(line);
    int at = 0;
    while (m.find()) {
      text.append(line, at, m.start());
      String value = m.group(2).replace("\\n", "\n");
      int start = text.length();
      text.append(value);
      gold.add(new Gold(DataType.valueOf(m.group(1)), start, text.length()));
      at = m.end();
    }
    text.append(line.substring(at));
    return new Sentence(language, text.toString(), List.copyOf(gold));
  }
}
