package io.membank.governance.catalog;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The tables and columns a service's Flyway migrations leave behind, replayed in Flyway's version
 * order: {@code create table} (also {@code like other}), {@code drop table}, {@code alter table}
 * add/drop/rename column and rename to. Enough of SQL for our migrations; a statement it does not
 * understand is not guessed at.
 */
final class MigrationSchema {

  private static final Pattern VERSION = Pattern.compile("V(\\d+(?:[._]\\d+)*)__.*\\.sql");
  private static final Pattern CREATE =
      Pattern.compile(
          "create\\s+(?:unlogged\\s+)?table\\s+(?:if\\s+not\\s+exists\\s+)?([\\w.\"]+)\\s*\\(",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern DROP =
      Pattern.compile(
          "drop\\s+table\\s+(?:if\\s+exists\\s+)?([\\w.\",\\s]+?)(?:\\s+cascade|\\s+restrict)?\\s*;",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern ALTER =
      Pattern.compile(
          "alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?([\\w.\"]+)\\s+([^;]+);",
          Pattern.CASE_INSENSITIVE);
  private static final Set<String> CONSTRAINT_WORDS =
      Set.of("primary", "unique", "foreign", "check", "constraint", "exclude");

  private final Map<String, Set<String>> tables = new LinkedHashMap<>();

  /** The schema the migrations in these folders build, in version order. */
  static MigrationSchema of(List<Path> folders) {
    List<Path> files = new ArrayList<>();
    for (Path folder : folders) {
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> s = Files.walk(folder)) {
        s.filter(p -> VERSION.matcher(p.getFileName().toString()).matches()).forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    files.sort(Comparator.comparing(MigrationSchema::version, MigrationSchema::compareVersions));
    MigrationSchema schema = new MigrationSchema();
    for (Path f : files) {
      try {
        schema.apply(Files.readString(f));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return schema;
  }

  /** Table name → its columns. */
  Map<String, Set<String>> tables() {
    return tables;
  }

  /** Applies one migration's text. */
  void apply(String sql) {
    String text = stripComments(sql);
    // Statements in order of appearance; $$ bodies (functions, do blocks) are skipped.
    text = text.replaceAll("(?s)\\$\\$.*?\\$\\$", "''");
    int i = 0;
    while (i < text.length()) {
      int end = statementEnd(text, i);
      String statement = text.substring(i, end).strip();
      i = end + 1;
      if (!statement.isEmpty()) {
        statement(statement + ";");
      }
    }
  }

  private void statement(String s) {
    Matcher create = CREATE.matcher(s);
    if (create.lookingAt()) {
      String table = name(create.group(1));
      String body = s.substring(create.end(), s.lastIndexOf(')'));
      Set<String> columns = new LinkedHashSet<>();
      for (String part : splitTopLevel(body)) {
        String[] words = part.strip().split("\\s+");
        if (words.length == 0 || words[0].isEmpty()) {
          continue;
        }
        String first = words[0].toLowerCase(Locale.ROOT);
        if (first.equals("like") && words.length > 1) {
          columns.addAll(tables.getOrDefault(name(words[1]), Set.of()));
        } else if (!CONSTRAINT_WORDS.contains(first)) {
          columns.add(name(words[0]));
        }
      }
      tables.put(table, columns);
      return;
    }
    Matcher drop = DROP.matcher(s);
    if (drop.lookingAt()) {
      for (String t : drop.group(1).split(",")) {
        tables.remove(name(t.strip()));
      }
      return;
    }
    Matcher alter = ALTER.matcher(s);
    if (alter.lookingAt()) {
      alter(name(alter.group(1)), alter.group(2));
    }
  }

  private void alter(String table, String actions) {
    Matcher renameTable =
        Pattern.compile("rename\\s+to\\s+([\\w\"]+)", Pattern.CASE_INSENSITIVE).matcher(actions);
    if (renameTable.lookingAt()) {
      Set<String> columns = tables.remove(table);
      if (columns != null) {
        tables.put(name(renameTable.group(1)), columns);
      }
      return;
    }
    Set<String> columns = tables.get(table);
    if (columns == null) {
      return;
    }
    for (String action : splitTopLevel(actions)) {
      String a = action.strip();
      Matcher add =
          Pattern.compile(
                  "add\\s+(?:column\\s+)?(?:if\\s+not\\s+exists\\s+)?([\\w\"]+)",
                  Pattern.CASE_INSENSITIVE)
              .matcher(a);
      Matcher dropColumn =
          Pattern.compile(
                  "drop\\s+(?:column\\s+)?(?:if\\s+exists\\s+)?([\\w\"]+)",
                  Pattern.CASE_INSENSITIVE)
              .matcher(a);
      Matcher rename =
          Pattern.compile(
                  "rename\\s+(?:column\\s+)?([\\w\"]+)\\s+to\\s+([\\w\"]+)",
                  Pattern.CASE_INSENSITIVE)
              .matcher(a);
      if (add.lookingAt() && !CONSTRAINT_WORDS.contains(add.group(1).toLowerCase(Locale.ROOT))) {
        columns.add(name(add.group(1)));
      } else if (dropColumn.lookingAt()
          && !CONSTRAINT_WORDS.contains(dropColumn.group(1).toLowerCase(Locale.ROOT))) {
        columns.remove(name(dropColumn.group(1)));
      } else if (rename.lookingAt()) {
        columns.remove(name(rename.group(1)));
        columns.add(name(rename.group(2)));
      }
    }
  }

  private static int statementEnd(String text, int from) {
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (ch == '\'') {
        quoted = !quoted;
      } else if (ch == ';' && !quoted) {
        return i;
      }
    }
    return text.length();
  }

  private static List<String> splitTopLevel(String body) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (char ch : body.toCharArray()) {
      if (ch == '(') {
        depth++;
      } else if (ch == ')') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(ch);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  private static String stripComments(String sql) {
    return sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
  }

  private static String name(String raw) {
    String n = raw.replace("\"", "").strip();
    int dot = n.lastIndexOf('.');
    return (dot >= 0 ? n.substring(dot + 1) : n).toLowerCase(Locale.ROOT);
  }

  private static String version(Path file) {
    Matcher m = VERSION.matcher(file.getFileName().toString());
    return m.matches() ? m.group(1) : "0";
  }

  private static int compareVersions(String a, String b) {
    String[] x = a.split("[._]");
    String[] y = b.split("[._]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      long p = i < x.length ? Long.parseLong(x[i]) : 0;
      long q = i < y.length ? Long.parseLong(y[i]) : 0;
      if (p != q) {
        return Long.compare(p, q);
      }
    }
    return 0;
  }
}
