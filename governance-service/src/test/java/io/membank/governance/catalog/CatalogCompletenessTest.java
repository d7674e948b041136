package io.membank.governance.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.membank.contracts.Topics;
import io.membank.governance.catalog.config.CatalogConfig;
import io.membank.governance.catalog.domain.Catalog;
import io.membank.governance.catalog.domain.DatasetDescriptor;
import io.membank.governance.catalog.domain.DatasetKind;
import io.membank.governance.catalog.domain.FieldDescriptor;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Keeps the catalog current: it fails when a service's Flyway migrations create a table or column,
 * a topic is added to contracts {@code Topics} or a channel, a Neo4j label or relationship type, a
 * Lucene field or a Redis key space appears in the code, and the catalog does not know it — or when
 * the catalog describes something that is gone. Plain JUnit over the repository tree, so it runs in
 * {@code verify} of governance-service, which owns the catalog.
 */
class CatalogCompletenessTest {

  private static final Pattern JDBC_DATABASE =
      Pattern.compile(
          "(?m)^%dev\\.quarkus\\.datasource\\.jdbc\\.url=jdbc:postgresql://[^/]+/(\\w+)");
  private static final Pattern FLYWAY_LOCATIONS =
      Pattern.compile("(?m)^quarkus\\.flyway\\.locations=(.+)$");
  private static final Pattern CHANNEL_TOPIC =
      Pattern.compile(
          "(?m)^mp\\.messaging\\.\\w+\\.[\\w-]+\\.(?:dead-letter-queue\\.)?topic=([a-z0-9.\\-]+)");

  private final Catalog catalog = RepositoryTree.catalog();

  @Test
  void every_descriptor_in_the_catalog_folder_is_loaded_at_start() throws Exception {
    String defaults =
        CatalogConfig.class.getMethod("descriptors").getAnnotation(WithDefault.class).value();
    Set<String> configured = new TreeSet<>(Arrays.asList(defaults.split(",")));
    Set<String> files =
        RepositoryTree.descriptorFiles().stream()
            .map(p -> p.getFileName().toString().replaceFirst("\\.yaml$", ""))
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(configured)
        .as("membank.governance.catalog.descriptors default vs the files in catalog/")
        .isEqualTo(files);
  }

  @Test
  void every_flyway_table_and_column_of_every_service_is_in_the_catalog() {
    List<String> problems = new ArrayList<>();
    Set<String> databases = new TreeSet<>();
    for (Path service : RepositoryTree.services()) {
      Path props = service.resolve("src/main/resources/application.properties");
      if (!Files.exists(props)) {
        continue;
      }
      String properties = RepositoryTree.read(props);
      MigrationSchema schema = MigrationSchema.of(migrationFolders(service, properties));
      if (schema.tables().isEmpty()) {
        continue;
      }
      Matcher db = JDBC_DATABASE.matcher(properties);
      assertThat(db.find()).as(service + " names its database in %dev jdbc.url").isTrue();
      String database = db.group(1);
      databases.add(database);
      problems.addAll(compare(service.getFileName().toString(), database, schema.tables()));
    }
    for (Catalog.Entry e : catalog.datasets().values()) {
      if (e.dataset().kind() == DatasetKind.POSTGRES_TABLE
          && !databases.contains(e.dataset().store())) {
        problems.add(e.id() + " is in the catalog but no service migrates " + e.dataset().store());
      }
    }
    assertThat(problems)
        .as("catalog/<service>.yaml must describe every table its migrations leave (and no more)")
        .isEmpty();
  }

  /** Problems between a database's migrated tables and the catalog's tables of that database. */
  List<String> compare(String service, String database, Map<String, Set<String>> tables) {
    List<String> problems = new ArrayList<>();
    Map<String, DatasetDescriptor> described =
        catalog.datasets().values().stream()
            .map(Catalog.Entry::dataset)
            .filter(d -> d.kind() == DatasetKind.POSTGRES_TABLE && database.equals(d.store()))
            .collect(Collectors.toMap(DatasetDescriptor::name, d -> d));
    tables.forEach(
        (table, columns) -> {
          DatasetDescriptor d = described.get(table);
          if (d == null) {
            problems.add(
                service + " migrates table " + database + "." + table + ": not in the catalog");
            return;
          }
          Set<String> fields =
              d.fields().stream().map(FieldDescriptor::name).collect(Collectors.toSet());
          for (String c : columns) {
            if (!fields.contains(c)) {
              problems.add(d.id() + " has column " + c + ": not in the catalog");
            }
          }
          for (String f : fields) {
            if (!columns.contains(f)) {
              problems.add(d.id() + " field " + f + " is in the catalog but no such column");
            }
          }
        });
    described.keySet().stream()
        .filter(t -> !tables.containsKey(t))
        .forEach(t -> problems.add("postgres:" + database + "." + t + " is gone from " + service));
    return problems;
  }

  /** The service's Flyway locations, in its own resources and in platform modules (outbox). */
  private static List<Path> migrationFolders(Path service, String properties) {
    Matcher m = FLYWAY_LOCATIONS.matcher(properties);
    List<String> locations =
        m.find()
            ? Arrays.stream(m.group(1).split(","))
                .map(s -> s.strip().replaceFirst("^classpath:", ""))
                .toList()
            : List.of("db/migration");
    List<Path> folders = new ArrayList<>();
    for (String location : locations) {
      folders.add(service.resolve("src/main/resources").resolve(location));
      for (Path module : RepositoryTree.platformModules()) {
        folders.add(module.resolve("src/main/resources").resolve(location));
      }
    }
    return folders;
  }

  @Test
  void every_topic_of_the_contracts_and_of_the_channels_is_in_the_catalog() throws Exception {
    Set<String> topics = new TreeSet<>();
    for (Field f : Topics.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        topics.add((String) f.get(null));
      }
    }
    for (Path service : RepositoryTree.services()) {
      Path props = service.resolve("src/main/resources/application.properties");
      if (Files.exists(props)) {
        Matcher m = CHANNEL_TOPIC.matcher(RepositoryTree.read(props));
        while (m.find()) {
          topics.add(m.group(1));
        }
      }
    }
    Set<String> described = names(DatasetKind.KAFKA_TOPIC);
    assertThat(topics)
        .as("topics in contracts Topics or a channel, missing from catalog/*.yaml")
        .isSubsetOf(described);
    assertThat(described)
        .as("kafka_topic datasets in the catalog that no Topics constant or channel names")
        .isSubsetOf(topics);
  }

  @Test
  void every_neo4j_label_and_relationship_type_of_graph_service_is_in_the_catalog() {
    Set<String> labels = new TreeSet<>();
    Set<String> relationships = new TreeSet<>();
    Pattern label = Pattern.compile("\\(\\w*:([A-Z][A-Za-z]+)[\\s{)]");
    Pattern relationship = Pattern.compile("\\[\\w*:([A-Z][A-Z_]+)[\\s{\\]]");
    for (Path source :
        RepositoryTree.javaSources(RepositoryTree.root().resolve("graph-service/src/main/java"))) {
      String text = RepositoryTree.read(source);
      label.matcher(text).results().forEach(r -> labels.add(r.group(1)));
      relationship.matcher(text).results().forEach(r -> relationships.add(r.group(1)));
      if (source.getFileName().toString().equals("RelationType.java")) {
        String body = text.substring(text.indexOf("enum RelationType {") + 19);
        body = body.substring(0, body.indexOf(';'));
        Arrays.stream(body.split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .forEach(relationships::add);
      }
    }
    assertThat(labels).as("Neo4j labels in graph-service").isNotEmpty();
    assertThat(labels).isEqualTo(names(DatasetKind.NEO4J_LABEL));
    assertThat(relationships).isEqualTo(names(DatasetKind.NEO4J_RELATIONSHIP));
  }

  @Test
  void every_lucene_field_of_search_service_is_in_the_catalog() {
    String index =
        RepositoryTree.read(
            RepositoryTree.root()
                .resolve("search-service/src/main/java/io/membank/search/index/MemoryIndex.java"));
    Set<String> fields = new TreeSet<>();
    Pattern.compile("static final String \\w+ = \"([a-z_.]+)\";")
        .matcher(index)
        .results()
        .forEach(r -> fields.add(r.group(1).endsWith(".") ? r.group(1) + "*" : r.group(1)));
    Pattern.compile("new StoredField\\(\"([a-z_]+)\"|addTime\\(d, \"([a-z_]+)\"")
        .matcher(index)
        .results()
        .forEach(r -> fields.add(r.group(1) != null ? r.group(1) : r.group(2)));
    DatasetDescriptor lucene = catalog.dataset("lucene:memories").orElseThrow().dataset();
    Set<String> described =
        lucene.fields().stream().map(FieldDescriptor::name).collect(Collectors.toSet());
    assertThat(fields).as("Lucene fields of MemoryIndex").hasSizeGreaterThan(10);
    assertThat(fields).isSubsetOf(described);
  }

  @Test
  void every_redis_key_space_in_the_code_is_in_the_catalog() {
    Set<String> prefixes = new TreeSet<>();
    Pattern prefix = Pattern.compile("\"([a-z]+(?::[a-z]+)+:)\"");
    List<Path> roots = new ArrayList<>(RepositoryTree.services());
    roots.addAll(RepositoryTree.platformModules());
    for (Path module : roots) {
      for (Path source : RepositoryTree.javaSources(module.resolve("src/main/java"))) {
        String text = RepositoryTree.read(source);
        if (text.contains("RedisDataSource")) {
          prefix.matcher(text).results().forEach(r -> prefixes.add(r.group(1)));
        }
      }
    }
    List<String> locations =
        catalog.datasets().values().stream()
            .map(Catalog.Entry::dataset)
            .filter(d -> d.kind() == DatasetKind.REDIS_KEYSPACE)
            .map(DatasetDescriptor::location)
            .toList();
    assertThat(prefixes).as("Redis key prefixes in the code").hasSizeGreaterThanOrEqualTo(4);
    for (String p : prefixes) {
      assertThat(locations)
          .as("a redis_keyspace dataset whose location starts with " + p)
          .anyMatch(l -> l.startsWith(p));
    }
  }

  private Set<String> names(DatasetKind kind) {
    return catalog.datasets().values().stream()
        .map(Catalog.Entry::dataset)
        .filter(d -> d.kind() == kind)
        .map(DatasetDescriptor::name)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
