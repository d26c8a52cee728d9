package network.dpc.hub.bootstrap;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The hub's version, stamped into the build by Maven resource filtering. */
final class HubVersion {

    private HubVersion() {
    }

    static String current() {
        try (InputStream in = HubVersion.class.getResourceAsStream("/dpc-hub-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            String version = properties.getProperty("version", "unknown");
            return version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
