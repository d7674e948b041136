package io.membank.governance.catalog;

import io.membank.governance.catalog.domain.Catalog;
import io.membank.governance.catalog.domain.DescriptorReader;
import io.membank.governance.catalog.domain.ServiceDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The repository the tests run in: its services, platform modules and catalog descriptors. */
final class RepositoryTree {

  private RepositoryTree() {}

  /** The repository root (the folder holding catalog/ and the root pom), from the module dir. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isDirectory(dir.resolve("catalog")) && Files.exists(dir.resolve("pom.xml"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("not inside the MemBank repository");
  }

  /** Every folder {@code *-service} at the root. */
  static List<Path> services() {
    return list(root(), "*-service");
  }

  /** Every platform module. */
  static List<Path> platformModules() {
    return list(root().resolve("platform"), "*");
  }

  /** Every descriptor file in catalog/. */
  static List<Path> descriptorFiles() {
    return list(root().resolve("catalog"), "*.yaml");
  }

  /** The catalog the checked-in descriptors make (validated). */
  static Catalog catalog() {
    List<ServiceDescriptor> descriptors = new ArrayList<>();
    for (Path file : descriptorFiles()) {
      try (InputStream in = Files.newInputStream(file)) {
        descriptors.add(DescriptorReader.read(file.getFileName().toString(), in));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Catalog.of(descriptors);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Java sources under a folder. */
  static List<Path> javaSources(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(folder)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> list(Path folder, String glob) {
    List<Path> found = new ArrayList<>();
    try (var s = Files.newDirectoryStream(folder, glob)) {
      s.forEach(found::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    found.sort(null);
    return found;
  }
}
