package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeyFileTest {

    @Test
    void generatesOnceKeepsItPrivateAndReusesIt(@TempDir Path dir) throws Exception {
        String first = SecretKeyFile.readOrCreate(dir.resolve("data"), new SecureRandom());
        String second = SecretKeyFile.readOrCreate(dir.resolve("data"), new SecureRandom());

        assertThat(first).hasSizeGreaterThanOrEqualTo(32).isEqualTo(second);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dir.resolve("data").resolve(SecretKeyFile.FILE_NAME)))).isEqualTo("rw-------");
    }
}
