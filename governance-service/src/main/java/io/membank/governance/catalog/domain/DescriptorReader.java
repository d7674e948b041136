package io.membank.governance.catalog.domain;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a service descriptor ({@code catalog/<service>.yaml}) strictly: an unknown key, kind,
 * classification or data class is an error naming where it is, never silently ignored.
 */
public final class DescriptorReader {

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private DescriptorReader() {}

  /** The descriptor in {@code in}; {@code source} names it in errors. */
  public static ServiceDescriptor read(String source, InputStream in) {
    try {
      ServiceDescriptor d = YAML.readValue(in, ServiceDescriptor.class);
      if (d == null) {
        throw new InvalidCatalogException(java.util.List.of(source + " is empty"));
      }
      return d;
    } catch (IOException e) {
      throw new InvalidCatalogException(
          java.util.List.of(source + ": " + e.getMessage().lines().findFirst().orElse("")));
    }
  }
}
