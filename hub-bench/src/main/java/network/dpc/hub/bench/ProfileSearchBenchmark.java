package network.dpc.hub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import network.dpc.hub.adapter.oauth.jwt.NimbusTokenCodec;
import network.dpc.hub.adapter.persistence.DatabaseUrl;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.JdbiProfileRepository;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import network.dpc.hub.bootstrap.Hub;
import network.dpc.hub.bootstrap.HubConfigLoader;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.TopicMatch;
import network.dpc.hub.domain.token.TokenClaims;
import network.dpc.hub.domain.token.TokenType;
import network.dpc.hub.domain.user.UserId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Discovery at scale: loads N synthetic profiles (10 topics each, Zipf popularity over 5,000 topics) into a fresh
 * embedded PostgreSQL, starts a real hub on it and measures {@code GET /discovery/search} over HTTP — latency
 * percentiles of sequential requests and requests/s of 4 concurrent clients — for a popular topic, a rare one, a
 * narrow and a broad prefix, plus the cost of one {@code PUT /profile}; then appends the figures to
 * {@code docs/benchmarks.md}. Run with {@code bench/search.sh [sizes]}.
 */
public final class ProfileSearchBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ProfileSearchBenchmark.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "benchmark-secret-key-with-enough-bytes-0123456789";
    private static final int WARMUP = 300;
    private static final int WARMUP_ROUNDS = 3;
    private static final int SEQUENTIAL = 2_000;
    private static final int CLIENTS = 4;
    private static final Duration THROUGHPUT_WINDOW = Duration.ofSeconds(5);
    private static final int UPDATES = 500;
    /** A slow request type gets fewer samples rather than holding up the run. */
    private static final Duration TIME_BOX = Duration.ofSeconds(20);
    private static final String MARKER = "<!-- search-rows -->";

    private static final int REPOSITORY_SAMPLES = 1_000;
    private JdbiProfileRepository repository;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ProfileSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = Arrays.stream((args.length > 0 ? args[0] : "100000").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        Path report = Path.of(args.length > 1 ? args[1] : "docs/benchmarks.md");
        for (int size : sizes) {
            List<String> rows = new ProfileSearchBenchmark().run(size);
            writeReport(report, rows);
            rows.forEach(row -> log.info("{}", row));
        }
    }

    /** One measured line: what was asked, how many matched, and how long it took. */
    private record Figures(String what, long matches, int samples, double p50Millis, double p99Millis,
            double requestsPerSecond) {
    }

    private List<String> run(int size) throws Exception {
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startThrowaway("dpc-hub-bench");
        Hub hub = null;
        try {
            DatabaseUrl url = postgres.databaseUrl();
            SyntheticProfiles synthetic = new SyntheticProfiles();
            long loadStarted = System.nanoTime();
            PostgresDatabase.open(url, 2).close();
            // a plain connection: the pool's 30 s socket timeout is too short for building indexes over millions
            try (Connection connection = java.sql.DriverManager.getConnection(url.jdbcUrl(), "postgres", "")) {
                synthetic.load(connection, size, 42);
            }
            double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
            log.info("loaded {} profiles in {} s", size, Math.round(loadSeconds));
            long[] scansBefore = scans(url);

            Map<String, String> env = new HashMap<>();
            env.put("DATABASE_URL", url.jdbcUrl() + "?user=postgres");
            env.put("SECRET_KEY", SECRET);
            env.put("HOST", "127.0.0.1");
            env.put("RATE_LIMIT_ENABLED", "false");
            env.put("DATA_DIR", postgres.throwawayDirectory().resolve("hub").toString());
            hub = new Hub(HubConfigLoader.load(env));
            int port = hub.start(0);
            String token = accessToken();
            String base = "http://127.0.0.1:" + port;

            PostgresDatabase direct = PostgresDatabase.open(url, 2);
            repository = new JdbiProfileRepository(direct.jdbi());
            String loadBefore = loadAverage();
            List<Figures> figures = new ArrayList<>();
            String popular = synthetic.topic(0);
            String rare = synthetic.topic(SyntheticProfiles.VOCABULARY - 1);
            String narrow = synthetic.topic(40).substring(0, 4);
            String broad = synthetic.topic(0).substring(0, 2);
            Map<String, String> cases = new LinkedHashMap<>();
            cases.put("exact, popular topic (" + popular + ")", "q=" + popular);
            cases.put("exact, rare topic (" + rare + ")", "q=" + rare);
            cases.put("prefix, 20 topics (" + narrow + "…)", "q=" + narrow + "&match=prefix");
            cases.put("prefix, 250 topics incl. the most popular (" + broad + "…)", "q=" + broad + "&match=prefix");
            cases.put("prefix, one letter: 750 topics (t…)", "q=t&match=prefix");
            cases.put("prefix " + broad + "…, min_level=5, page 3 of 20",
                    "q=" + broad + "&match=prefix&min_level=5&limit=20&offset=40");
            cases.put("prefix " + narrow + "…, page 6 of 100 (offset 500)",
                    "q=" + narrow + "&match=prefix&limit=100&offset=500");
            cases.put("exact, popular, min_level=5, page 3 of 20", "q=" + popular + "&min_level=5&limit=20&offset=40");
            warmUp(base, token, cases.values());
            for (Map.Entry<String, String> c : cases.entrySet()) {
                figures.add(search(base, token, c.getKey(), c.getValue()));
            }
            figures.add(update(base, token, synthetic));
            String loadAfter = loadAverage();
            direct.close();
            long[] scansAfter = scans(url);

            String machine = machine();
            String jdk = System.getProperty("java.vendor") + " " + Runtime.version();
            String date = LocalDate.now(ZoneOffset.UTC).toString();
            List<String> rows = new ArrayList<>();
            for (Figures f : figures) {
                rows.add("| %s | %,d | %s | %s | %,d | %.2f ms | %.2f ms | %s | %s → %s | %s | %s |".formatted(date,
                        size, f.what(), f.matches() < 0 ? "–" : "%,d".formatted(f.matches()), f.samples(),
                        f.p50Millis(), f.p99Millis(),
                        f.requestsPerSecond() < 0 ? "–" : "%,.0f".formatted(f.requestsPerSecond()), loadBefore,
                        loadAfter, machine, jdk));
            }
            rows.add("| %s | %,d | plans during the run: %,d sequential scans of profile_topics, %,d index scans "
                    .formatted(date, size, scansAfter[0] - scansBefore[0], scansAfter[1] - scansBefore[1])
                    + "of profile_topics_search, %,d of profile_topics_order; bulk load %.0f s (counts rebuilt "
                    .formatted(scansAfter[2] - scansBefore[2], loadSeconds)
                    + "in %.0f s) | | | | | | | | |".formatted(synthetic.countSeconds()));
            return rows;
        } finally {
            if (hub != null) {
                hub.stop();
            }
            postgres.close(); // deletes its directory, the hub's data included
        }
    }

    /**
     * The same search through the repository alone (no HTTP, no token check, no JSON), in this process, on its own
     * pool: how much of a request is the database's part.
     */
    private static String repositoryAlone(JdbiProfileRepository repository, String query) {
        Map<String, String> params = new HashMap<>();
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        ProfileSearch search = ProfileSearch.of(params.get("q"),
                "prefix".equals(params.get("match")) ? TopicMatch.PREFIX : TopicMatch.EXACT,
                Integer.parseInt(params.getOrDefault("min_level", "1")),
                Integer.parseInt(params.getOrDefault("limit", "50")),
                Integer.parseInt(params.getOrDefault("offset", "0")), false);
        for (int i = 0; i < WARMUP / 3; i++) {
            repository.search(search, Set.of());
        }
        double[] latencies = new double[REPOSITORY_SAMPLES];
        for (int i = 0; i < latencies.length; i++) {
            long started = System.nanoTime();
            repository.search(search, Set.of());
            latencies[i] = (System.nanoTime() - started) / 1e6;
        }
        return "; repository alone p50 %.2f / p99 %.2f ms".formatted(percentile(latencies, 0.50),
                percentile(latencies, 0.99));
    }

    private Figures search(String base, String token, String what, String query) throws Exception {
        HttpRequest request = searchRequest(base, token, query);
        HttpResponse<String> first = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (first.statusCode() != 200) {
            throw new IllegalStateException(what + ": " + first.statusCode() + " " + first.body());
        }
        JsonNode body = JSON.readTree(first.body());
        long total = body.get("total").asLong();
        double[] latencies = sequential(request, 200);
        double perSecond = throughput(request);
        log.info("{}: total {}, first page {} results, {} timed requests", what, total, body.get("results").size(),
                latencies.length);
        String alone = repository == null ? "" : repositoryAlone(repository, query);
        return new Figures(what + alone, total, latencies.length, percentile(latencies, 0.50), percentile(latencies, 0.99),
                perSecond);
    }

    /**
     * Every request shape in turn before any is measured, so the JIT's work on the shared HTTP, token and JSON path
     * does not land in whichever shape happens to be measured first.
     */
    private void warmUp(String base, String token, Collection<String> queries) throws Exception {
        long started = System.nanoTime();
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (String query : queries) {
                HttpRequest request = searchRequest(base, token, query);
                long end = System.nanoTime() + TIME_BOX.toNanos() / 4;
                for (int i = 0; i < WARMUP && System.nanoTime() < end; i++) {
                    send(request, 200);
                }
            }
        }
        log.info("warmed up every request shape in {} s", Math.round((System.nanoTime() - started) / 1e9));
    }

    private static HttpRequest searchRequest(String base, String token, String query) {
        return HttpRequest.newBuilder(URI.create(base + "/discovery/search?" + query))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build();
    }

    private Figures update(String base, String token, SyntheticProfiles synthetic) throws Exception {
        Map<String, Object> expertise = new HashMap<>();
        for (int rank = 0; rank < SyntheticProfiles.TOPICS_PER_PROFILE; rank++) {
            expertise.put(synthetic.topic(rank * 7), 1 + rank % 5);
        }
        String body = JSON.writeValueAsString(Map.of("name", "Benchmark user", "description", "updates itself",
                "expertise", expertise, "compute", Map.of("cores", 2)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/profile"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).PUT(HttpRequest.BodyPublishers.ofString(body)).build();
        double[] latencies = new double[UPDATES];
        for (int i = 0; i < WARMUP / 3; i++) {
            send(request, 200);
        }
        for (int i = 0; i < UPDATES; i++) {
            long started = System.nanoTime();
            send(request, 200);
            latencies[i] = (System.nanoTime() - started) / 1e6;
        }
        return new Figures("PUT /profile (10 topics, replaces the same profile)", -1, UPDATES,
                percentile(latencies, 0.50), percentile(latencies, 0.99), -1);
    }

    private double[] sequential(HttpRequest request, int status) throws Exception {
        long warmupEnd = System.nanoTime() + TIME_BOX.toNanos() / 2;
        for (int i = 0; i < WARMUP && System.nanoTime() < warmupEnd; i++) {
            send(request, status);
        }
        double[] latencies = new double[SEQUENTIAL];
        long end = System.nanoTime() + TIME_BOX.toNanos();
        int n = 0;
        while (n < SEQUENTIAL && (n < 30 || System.nanoTime() < end)) {
            long started = System.nanoTime();
            send(request, status);
            latencies[n++] = (System.nanoTime() - started) / 1e6;
        }
        return Arrays.copyOf(latencies, n);
    }

    private double throughput(HttpRequest request) throws Exception {
        AtomicLong done = new AtomicLong();
        long deadline = System.nanoTime() + THROUGHPUT_WINDOW.toNanos();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        send(request, 200);
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        }
        return done.get() / (THROUGHPUT_WINDOW.toNanos() / 1e9);
    }

    private void send(HttpRequest request, int status) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != status) {
            throw new IllegalStateException(request.uri() + ": " + response.statusCode() + " " + response.body());
        }
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.max(0, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static String accessToken() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new NimbusTokenCodec("HS256", SECRET).encode(new TokenClaims(new UserId(SyntheticProfiles.userId(0)),
                TokenType.ACCESS, "bench-" + UUID.randomUUID(), now, now.plus(Duration.ofHours(6)), "dpc-hub"));
    }

    /** Sequential scans of profile_topics and index scans of profile_topics_search and _order so far. */
    private static long[] scans(DatabaseUrl url) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl(), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet rs = s.executeQuery("""
                    SELECT t.seq_scan, i.idx_scan, o.idx_scan FROM pg_stat_user_tables t
                      JOIN pg_stat_user_indexes i ON i.relid = t.relid AND i.indexrelname = 'profile_topics_search'
                      JOIN pg_stat_user_indexes o ON o.relid = t.relid AND o.indexrelname = 'profile_topics_order'
                     WHERE t.relname = 'profile_topics'""")) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
            }
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String machine() {
        String cpu = "?";
        long memoryKb = 0;
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst().map(l -> l.split(":", 2)[1].strip())
                    .orElse("?");
        } catch (IOException ignored) {
            // not Linux: leave the model unknown
        }
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            memoryKb = lines.filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException ignored) {
            // not Linux: leave the memory unknown
        }
        return "%d cores (%s), %d GiB".formatted(Runtime.getRuntime().availableProcessors(), cpu,
                Math.round(memoryKb / 1048576.0));
    }

    private static void writeReport(Path report, List<String> rows) throws IOException {
        String text = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        if (!text.contains(MARKER)) {
            text = text.stripTrailing() + "\n\n" + SECTION + MARKER + "\n";
        }
        text = text.replace(MARKER, MARKER + "\n" + String.join("\n", rows));
        Files.writeString(report, text);
    }

    private static final String SECTION = """
            ## Profile search

            `bench/search.sh [sizes]` (default `100000`; e.g. `bench/search.sh 100000,1000000`) loads that many
            synthetic profiles into a fresh embedded PostgreSQL — one node and ten distinct topics each, drawn with
            Zipf popularity (exponent 1) from 5,000 topics, levels 1–5 uniform, update times spread over a year — with
            COPY, then starts a real hub on it and measures `GET /discovery/search` over HTTP with a signed-in token:
            %d sequential requests after %d warm-up ones (at least 30, and no more than %d s of them for slow
            requests; p50 and p99 as the client sees them: HTTP, token check, the search, JSON) and requests/s of %d
            concurrent clients over %d s. Nobody is online (presence is not wired yet), so the online-first ordering
            costs nothing here. Each search row also gives p50/p99 of the same search through the repository alone
            (%d calls in the benchmark's process, on its own pool: the database round trip and row mapping, without
            HTTP, the token check and JSON). "PUT /profile" replaces one user's
            10-topic profile %d times. The last row per size counts the plans PostgreSQL ran during the
            measurements (sequential scans of `profile_topics` must stay 0). Load average is read before → after.
            Client, hub and database share the machine.

            | date | profiles | request | matches (`total`) | timed requests | p50 | p99 | requests/s | load avg | machine | JDK |
            |---|---|---|---|---|---|---|---|---|---|---|
            """.formatted(SEQUENTIAL, WARMUP, TIME_BOX.toSeconds(), CLIENTS, THROUGHPUT_WINDOW.toSeconds(),
            REPOSITORY_SAMPLES, UPDATES);

}
