package network.dpc.hub.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token-signing secret of a hub run without {@code SECRET_KEY}: generated once, kept readable only by its owner
 * in the data directory, and reused on every restart so tokens stay valid.
 */
final class SecretKeyFile {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyFile.class);
    static final String FILE_NAME = "secret_key";

    private SecretKeyFile() {
    }

    /** Reads the kept secret, generating and storing a new one on first use. */
    static String readOrCreate(Path dataDir, SecureRandom random) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
            if (!Files.exists(file)) {
                byte[] bytes = new byte[48];
                random.nextBytes(bytes);
                String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
                try {
                    Files.writeString(file, secret + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE);
                    restrictToOwner(file);
                    log.warn("SECRET_KEY is not set: generated a token-signing key and stored it in {}. Set "
                            + "SECRET_KEY explicitly for production and whenever several hubs share a database.", file);
                } catch (FileAlreadyExistsException raced) {
                    log.debug("secret key file appeared concurrently; reading it");
                }
            } else {
                log.warn("SECRET_KEY is not set: using the generated key kept in {}", file);
            }
            String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (secret.getBytes(StandardCharsets.US_ASCII).length < HubConfigLoader.MIN_SECRET_BYTES) {
                throw new ConfigException(java.util.List.of(file + " holds a secret shorter than "
                        + HubConfigLoader.MIN_SECRET_BYTES + " bytes; delete it to generate a new one"));
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret key in " + file, e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            log.debug("file system without POSIX permissions; {} keeps its default permissions", file);
        }
    }
}
