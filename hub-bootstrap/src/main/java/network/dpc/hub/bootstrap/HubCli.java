package network.dpc.hub.bootstrap;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line of {@code dpc-hub.jar} (picocli): {@code serve} (also what no command means), {@code migrate},
 * {@code gen-secret}, {@code version} and {@code help}. Settings come from the variables it is given (the
 * environment over {@code .env}); a bad setting exits with 2, a failed start with 1.
 */
final class HubCli {

    static final int EXIT_OK = 0;
    static final int EXIT_START_FAILED = 1;
    static final int EXIT_BAD_CONFIGURATION = 2;
    private static final Logger log = LoggerFactory.getLogger(HubCli.class);
    private static final String SETTINGS_FOOTER = "%nSettings come from environment variables or a .env file in the"
            + " working directory (see the README). Exit codes: 0 ok, 1 failed, 2 bad settings or usage.";

    private final Map<String, String> variables;
    private final SecureRandom random;
    private final Consumer<Hub> beforeStart;
    private volatile Hub serving;

    /**
     * @param variables the settings (environment over {@code .env})
     * @param beforeStart called with the hub {@code serve} is about to start (where {@code Main} registers its
     *     shutdown hook)
     */
    HubCli(Map<String, String> variables, SecureRandom random, Consumer<Hub> beforeStart) {
        this.variables = Map.copyOf(variables);
        this.random = Objects.requireNonNull(random, "random");
        this.beforeStart = Objects.requireNonNull(beforeStart, "beforeStart");
    }

    /** Runs the command {@code args} name and returns its exit code. */
    int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its sub-commands, writing to {@code out} and {@code err}. */
    CommandLine commandLine() {
        CommandLine line = new CommandLine(new Root());
        line.addSubcommand("serve", new Serve());
        line.addSubcommand("migrate", new Migrate());
        line.addSubcommand("gen-secret", new GenSecret());
        line.addSubcommand("version", new Version());
        line.addSubcommand("help", new CommandLine.HelpCommand());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            log.error("{} failed: {}", cmd.getCommandName(), e.getMessage(), e);
            return EXIT_START_FAILED;
        });
        return line;
    }

    /** The hub {@code serve} started, while it runs. */
    Optional<Hub> serving() {
        return Optional.ofNullable(serving);
    }

    private int serve() {
        HubConfig config;
        try {
            config = HubConfigLoader.load(variables);
        } catch (ConfigException e) {
            log.error(e.getMessage());
            return EXIT_BAD_CONFIGURATION;
        }
        Hub hub = new Hub(config, java.time.Clock.systemUTC(), random);
        beforeStart.accept(hub);
        try {
            hub.start(config.port());
            serving = hub;
            return EXIT_OK;
        } catch (ConfigException e) {
            log.error(e.getMessage());
            return EXIT_BAD_CONFIGURATION;
        } catch (RuntimeException e) {
            log.error("The hub could not start: {}", e.getMessage(), e);
            return EXIT_START_FAILED;
        }
    }

    private int migrate(PrintWriter out) {
        HubConfig config;
        try {
            config = HubConfigLoader.load(variables);
        } catch (ConfigException e) {
            log.error(e.getMessage());
            return EXIT_BAD_CONFIGURATION;
        }
        EmbeddedPostgresServer embedded = null;
        try {
            DatabaseUrl url;
            if (config.databaseUrl().isPresent()) {
                url = config.databaseUrl().get();
            } else {
                embedded = EmbeddedPostgresServer.start(config.dataDir().resolve("postgres"), true);
                url = embedded.databaseUrl();
            }
            try (PostgresDatabase database = PostgresDatabase.open(url, 2)) {
                String version = database.schemaVersion();
                log.info("Database schema is up to date at version {}", version);
                out.println("Database schema is up to date at version " + version);
            }
            return EXIT_OK;
        } catch (RuntimeException e) {
            log.error("Migrating the database failed: {}", e.getMessage(), e);
            return EXIT_START_FAILED;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /** The top command: with no sub-command it serves, so {@code java -jar dpc-hub.jar} runs the hub. */
    @Command(name = "dpc-hub", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "D-PC Federation Hub: sign-in, node identity, presence and WebRTC signaling.%n"
                    + "Without a command it serves (like 'serve').",
            footer = SETTINGS_FOOTER)
    final class Root implements Callable<Integer> {
        @Override
        public Integer call() {
            return serve();
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Run the hub until SIGTERM or Ctrl-C (applies pending migrations first).",
            footer = SETTINGS_FOOTER)
    final class Serve implements Callable<Integer> {
        @Override
        public Integer call() {
            return serve();
        }
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Apply pending database migrations and exit (to the embedded database without "
                    + "DATABASE_URL).",
            footer = SETTINGS_FOOTER)
    final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            return migrate(spec.commandLine().getOut());
        }
    }

    @Command(name = "gen-secret", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print a new random SECRET_KEY (base64url) and exit.")
    final class GenSecret implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--bytes", defaultValue = "48", paramLabel = "N",
                description = "random bytes in the secret, ${DEFAULT-VALUE} by default (32 to 512)")
        int bytes;

        @Override
        public Integer call() {
            if (bytes < HubConfigLoader.MIN_SECRET_BYTES || bytes > 512) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--bytes must be between " + HubConfigLoader.MIN_SECRET_BYTES + " and 512");
            }
            byte[] secret = new byte[bytes];
            random.nextBytes(secret);
            spec.commandLine().getOut().println(Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
            spec.commandLine().getOut().flush();
            return EXIT_OK;
        }
    }

    @Command(name = "version", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Print the hub's version and exit.")
    static final class Version implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            for (String line : new VersionProvider().getVersion()) {
                spec.commandLine().getOut().println(line);
            }
            spec.commandLine().getOut().flush();
            return EXIT_OK;
        }
    }

    /** The version lines of {@code version} and {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"D-PC Federation Hub " + HubVersion.current() + " (signaling protocol "
                    + network.dpc.hub.adapter.http.meta.HubDescription.PROTOCOL + ", Java "
                    + Runtime.version().feature() + ")"};
        }
    }
}
