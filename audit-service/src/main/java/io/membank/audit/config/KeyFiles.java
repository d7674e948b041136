package io.membank.audit.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Keys of a local stack that has none configured: a file of 32 random bytes (encoded as the caller
 * says), made owner-only on first start and read on every start after. Production sets the key from
 * a Secret instead.
 */
public final class KeyFiles {

  private static final Logger LOG = Logger.getLogger(KeyFiles.class);

  private KeyFiles() {}

  /** The file's content, trimmed; made first when missing, and a warning naming the setting. */
  public static String readOrCreate(Path file, Function<byte[], String> encode, String setting) {
    Path absolute = file.toAbsolutePath();
    try {
      if (!Files.exists(absolute)) {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        Files.createDirectories(absolute.getParent());
        Files.writeString(
            Files.createFile(
                absolute,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
            encode.apply(random));
        LOG.warnf(
            "audit.key-file-created path=%s (set %s from a secret in production)",
            absolute, setting);
      }
      return Files.readString(absolute).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the key file " + absolute, e);
    }
  }
}
