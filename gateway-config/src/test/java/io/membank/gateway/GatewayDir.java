package io.membank.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates gateway-config/ (Surefire passes it; an IDE run falls back to the working dir). */
final class GatewayDir {

  private GatewayDir() {}

  static Path dir() {
    String configured = System.getProperty("membank.gateway.dir");
    Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("routes.yaml"))) {
      dir = dir.resolve("gateway-config");
    }
    return dir.toAbsolutePath().normalize();
  }

  static RouteTable table() {
    try {
      return RouteTable.load(dir().resolve("routes.yaml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
