package io.membank.governance.export.service;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.membank.governance.catalog.service.CatalogService;
import io.membank.governance.catalog.store.StoredDataset;
import io.membank.governance.export.store.ExportStore.Progress;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a subject's bundle: a zip (java.util.zip) streamed to a file, one JSON file per source
 * read page by page (only one page is ever in memory), {@code catalog.json}, {@code manifest.json}
 * with the SHA-256 and size of every file, and {@code manifest.jws}, the manifest signed with the
 * service key. Hashes are computed while the bytes are written, never by reading them back.
 */
@ApplicationScoped
public class BundleWriter {

  /** What the writer needs to know about the export. */
  public record Job(String exportId, String tenant, String subject, Instant at) {}

  /** The finished bundle. */
  public record Bundle(Path file, long bytes, String manifestSha256) {}

  /** One file of the bundle as the manifest lists it. */
  record FileHash(String name, String sha256, long bytes) {}

  /** Reads one source's pages. */
  @FunctionalInterface
  public interface Pages {
    SourceClient.Page page(Source source, Optional<String> cursor)
        throws IOException, InterruptedException;
  }

  private final ObjectMapper json;
  private final CatalogService catalog;
  private final ManifestSigner signer;

  public BundleWriter(ObjectMapper json, CatalogService catalog, ManifestSigner signer) {
    this.json = json;
    this.catalog = catalog;
    this.signer = signer;
  }

  /**
   * Writes the bundle to {@code target} (through a {@code .part} file renamed at the end), calling
   * {@code progress} after every page with every source's counts so far.
   */
  public Bundle write(
      Job job,
      List<Source> sources,
      Pages pages,
      Path target,
      Consumer<Map<String, Progress>> progress)
      throws IOException, InterruptedException {
    Files.createDirectories(target.getParent());
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Map<String, Progress> counts = new LinkedHashMap<>();
    sources.forEach(s -> counts.put(s.name(), new Progress(0, -1)));
    List<FileHash> hashes = new ArrayList<>();
    String manifestSha;
    try (ZipOutputStream zip =
        new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(part), 1 << 16))) {
      for (Source source : sources) {
        hashes.add(
            entry(
                zip,
                source.file(),
                g -> {
                  header(g, job, source.name());
                  g.writeArrayFieldStart("records");
                  long done = 0;
                  long total = -1;
                  Optional<String> cursor = Optional.empty();
                  do {
                    SourceClient.Page page = pages.page(source, cursor);
                    for (JsonNode item : page.items()) {
                      g.writeTree(item);
                      done++;
                    }
                    total = page.total() >= 0 ? page.total() : total;
                    counts.put(source.name(), new Progress(done, total));
                    progress.accept(new LinkedHashMap<>(counts));
                    cursor = page.nextCursor();
                  } while (cursor.isPresent());
                  g.writeEndArray();
                  g.writeNumberField("count", done);
                  g.writeEndObject();
                }));
      }
      hashes.add(entry(zip, "catalog.json", g -> catalog(g, job, sources)));
      byte[] manifest = manifest(job, hashes);
      manifestSha = hex(sha256().digest(manifest));
      writeRaw(zip, "manifest.json", manifest);
      writeRaw(
          zip,
          "manifest.jws",
          signer
              .sign(new String(manifest, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.US_ASCII));
      zip.finish();
    } catch (IOException | InterruptedException | RuntimeException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    try {
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(part);
      throw e;
    }
    return new Bundle(target, Files.size(target), manifestSha);
  }

  /** Writes one JSON entry through {@code body}, hashing and counting its bytes as they go. */
  private FileHash entry(ZipOutputStream zip, String name, Body body)
      throws IOException, InterruptedException {
    zip.putNextEntry(new ZipEntry(name));
    MessageDigest digest = sha256();
    Counting counting = new Counting(new DigestOutputStream(new Unclosed(zip), digest));
    try (JsonGenerator g = json.getFactory().createGenerator(counting)) {
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      body.write(g);
    }
    counting.flush();
    zip.closeEntry();
    return new FileHash(name, hex(digest.digest()), counting.count);
  }

  private static void writeRaw(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(bytes);
    zip.closeEntry();
  }

  private static void header(JsonGenerator g, Job job, String source) throws IOException {
    g.writeStartObject();
    g.writeStringField("export_id", job.exportId());
    g.writeStringField("tenant", job.tenant());
    g.writeStringField("subject", job.subject());
    g.writeStringField("source", source);
    g.writeStringField("exported_at", job.at().toString());
  }

  private void catalog(JsonGenerator g, Job job, List<Source> sources) throws IOException {
    header(g, job, "catalog");
    g.writeArrayFieldStart("files");
    for (Source source : sources) {
      g.writeStartObject();
      g.writeStringField("file", source.file());
      g.writeStringField("service", source.service() + "-service");
      g.writeArrayFieldStart("datasets");
      for (String id : source.catalogIds()) {
        Optional<StoredDataset> dataset = catalog.get(id);
        if (dataset.isEmpty()) {
          continue;
        }
        StoredDataset d = dataset.get();
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("owner", d.owner());
        g.writeNumberField("version", d.version());
        g.writeStringField("classification", d.classification().name().toLowerCase());
        g.writeFieldName("definition");
        json.writeValue(g, d.definition());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private byte[] manifest(Job job, List<FileHash> hashes) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("export_id", job.exportId());
    m.put("tenant", job.tenant());
    m.put("subject", job.subject());
    m.put("created_at", job.at().toString());
    m.put("algorithm", "SHA-256");
    m.put("signature", "manifest.jws: compact JWS (RS256, kid membank-service) of this file");
    List<Map<String, Object>> files = new ArrayList<>();
    for (FileHash h : hashes) {
      files.add(Map.of("name", h.name(), "sha256", h.sha256(), "bytes", h.bytes()));
    }
    m.put("files", files);
    return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(m);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException, InterruptedException;
  }

  /** Keeps the zip open when an entry's writer closes. */
  private static final class Unclosed extends FilterOutputStream {
    Unclosed(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

  /** Counts the bytes written. */
  private static final class Counting extends FilterOutputStream {
    long count;

    Counting(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
