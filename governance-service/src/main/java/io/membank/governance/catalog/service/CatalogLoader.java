package io.membank.governance.catalog.service;

import io.membank.governance.catalog.config.CatalogConfig;
import io.membank.governance.catalog.domain.Catalog;
import io.membank.governance.catalog.domain.DescriptorReader;
import io.membank.governance.catalog.domain.InvalidCatalogException;
import io.membank.governance.catalog.domain.ServiceDescriptor;
import io.membank.governance.catalog.store.CatalogStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Loads the checked-in descriptors ({@code catalog/<service>.yaml}, copied onto the classpath by
 * the build) into PostgreSQL at start: idempotent, versioned (see {@link CatalogStore#load}). A
 * descriptor that does not make a consistent catalog stops the start with every problem named.
 */
@ApplicationScoped
public class CatalogLoader {

  private static final Logger LOG = Logger.getLogger(CatalogLoader.class);

  private final CatalogStore store;
  private final CatalogConfig config;

  public CatalogLoader(CatalogStore store, CatalogConfig config) {
    this.store = store;
    this.config = config;
  }

  void onStart(@Observes StartupEvent start) {
    if (config.loadAtStart()) {
      load(descriptors());
    }
  }

  /** The configured descriptors from the classpath, validated. */
  public Catalog descriptors() {
    List<ServiceDescriptor> read = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String name : config.descriptors()) {
      String resource = "catalog/" + name + ".yaml";
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new InvalidCatalogException(List.of(resource + " is not on the classpath"));
        }
        ServiceDescriptor d = DescriptorReader.read(resource, in);
        if (!name.equals(d.service())) {
          throw new InvalidCatalogException(
              List.of(resource + " describes " + d.service() + ", expected " + name));
        }
        read.add(d);
      } catch (IOException e) {
        throw new IllegalStateException("reading " + resource + " failed", e);
      }
    }
    return Catalog.of(read);
  }

  /** Upserts the catalog; returns what changed. */
  @Transactional
  public CatalogStore.LoadCounts load(Catalog catalog) {
    CatalogStore.LoadCounts counts =
        store.load(catalog, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    LOG.infof(
        "catalog.loaded datasets=%d flows=%d added=%d changed=%d unchanged=%d retired=%d",
        catalog.datasets().size(),
        catalog.flows().size(),
        counts.added(),
        counts.changed(),
        counts.unchanged(),
        counts.retired());
    return counts;
  }
}
