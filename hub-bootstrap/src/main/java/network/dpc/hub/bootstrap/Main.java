package network.dpc.hub.bootstrap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the hub from the environment; exits with 2 on a bad configuration and stops cleanly on SIGTERM. */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final int EXIT_BAD_CONFIGURATION = 2;
    static final int EXIT_START_FAILED = 1;

    private Main() {
    }

    public static void main(String[] args) {
        HubConfig config;
        try {
            config = HubConfigLoader.fromEnvironment();
        } catch (ConfigException e) {
            log.error(e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
            return;
        }
        Hub hub = new Hub(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            hub.stop();
            log.info("Stopped");
        }, "hub-shutdown"));
        try {
            hub.start(config.port());
        } catch (ConfigException e) {
            log.error(e.getMessage());
            System.exit(EXIT_BAD_CONFIGURATION);
        } catch (RuntimeException e) {
            log.error("The hub could not start: {}", e.getMessage(), e);
            System.exit(EXIT_START_FAILED);
        }
    }
}
