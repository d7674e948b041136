package io.membank.diagnostics.knowledge;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.membank.diagnostics.collect.Metric;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The known issues, read once from {@code knowledge/known-issues.yaml} on the classpath and
 * checked: unique ids, a required indicator in each, metric keys that exist, valid patterns.
 */
@ApplicationScoped
public class KnowledgeBase {

  /** Classpath location of the YAML. */
  public static final String RESOURCE = "knowledge/known-issues.yaml";

  private final List<KnownIssue> issues;

  public KnowledgeBase() {
    this(load(RESOURCE));
  }

  KnowledgeBase(List<KnownIssue> issues) {
    validate(issues);
    this.issues = List.copyOf(issues);
  }

  public List<KnownIssue> issues() {
    return issues;
  }

  public Optional<KnownIssue> issue(String id) {
    return issues.stream().filter(i -> i.id().equals(id)).findFirst();
  }

  /** The parsed issues of a classpath YAML document. */
  public static List<KnownIssue> load(String resource) {
    // Enums read through their @JsonValue keys (restart_service, dependency_down, critical).
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in = KnowledgeBase.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("knowledge base " + resource + " is not on the classpath");
      }
      return yaml.readValue(in, Document.class).issues();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "knowledge base " + resource + " is invalid: " + e.getMessage(), e);
    }
  }

  /** The YAML document's root. */
  record Document(List<KnownIssue> issues) {}

  private static void validate(List<KnownIssue> issues) {
    Set<String> ids = new HashSet<>();
    List<String> problems = new ArrayList<>();
    for (KnownIssue issue : issues) {
      if (!ids.add(issue.id())) {
        problems.add("duplicate id " + issue.id());
      }
      if (issue.indicators() == null
          || issue.indicators().stream().noneMatch(KnownIssue.Indicator::isRequired)) {
        problems.add(issue.id() + ": no required indicator");
        continue;
      }
      for (KnownIssue.Indicator ind : issue.indicators()) {
        if (ind.symptom() == null) {
          problems.add(issue.id() + ": indicator without symptom");
        }
        if (ind.metrics() != null) {
          ind.metrics().stream()
              .filter(m -> Metric.byKey(m).isEmpty())
              .forEach(m -> problems.add(issue.id() + ": unknown metric " + m));
        }
        if (ind.components() != null) {
          Pattern.compile(ind.components());
        }
      }
      if (issue.solutions() == null || issue.solutions().isEmpty()) {
        problems.add(issue.id() + ": no solution");
      } else {
        issue.solutions().stream()
            .filter(s -> s.action() != ActionType.NONE && s.target() == null)
            .forEach(
                s -> problems.add(issue.id() + ": action " + s.action().key() + " without target"));
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("knowledge base invalid: " + String.join("; ", problems));
    }
  }
}
