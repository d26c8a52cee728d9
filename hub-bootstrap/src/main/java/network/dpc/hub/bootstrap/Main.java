package network.dpc.hub.bootstrap;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the command line ({@code serve} when no command is given) with the environment over {@code .env}; a served
 * hub keeps the process alive and stops cleanly on SIGTERM, every other command exits with its code.
 */
public final class Main {

    private static final Logger log = LoggerFactory.getLogger(Main.class);
    static final int EXIT_BAD_CONFIGURATION = HubCli.EXIT_BAD_CONFIGURATION;
    static final int EXIT_START_FAILED = HubCli.EXIT_START_FAILED;

    private Main() {
    }

    public static void main(String[] args) {
        Map<String, String> variables = DotEnv.merged(DotEnv.read(Path.of(".env")), System.getenv());
        LogFormat.apply(variables.get("LOG_FORMAT"));
        HubCli cli = new HubCli(variables, new SecureRandom(), Main::stopOnShutdown);
        int code = cli.execute(args);
        if (code != HubCli.EXIT_OK || cli.serving().isEmpty()) {
            System.exit(code);
        }
    }

    private static void stopOnShutdown(Hub hub) {
        hub.stoppedAtJvmExit();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            hub.stop();
            log.info("Stopped");
        }, "hub-shutdown"));
    }
}
