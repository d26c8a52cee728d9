package network.dpc.hub.bootstrap;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import network.dpc.hub.adapter.persistence.EmbeddedPostgresServer;
import network.dpc.hub.adapter.persistence.bus.InstanceBusSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relay throughput and latency through assembled hubs on one durable embedded PostgreSQL (not a test; no JMH):
 * {@code pairs} sender sockets each send {@code rate} signals per second (the per-socket limit is 20/s) to their own
 * receiver socket, first with both ends on one instance, then with senders on instance A and receivers on B. The
 * latency is from just before the client's send to the receiving client's callback, in one JVM (clients included).
 * Run {@code bench/cluster-relay.sh [--write]}; figures go to stdout and, with {@code --write}, to
 * {@code docs/benchmarks.md}.
 */
public final class ClusterRelayBenchmark {

    private static final Logger log = LoggerFactory.getLogger(ClusterRelayBenchmark.class);

    private ClusterRelayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = intArg(args, "--pairs", 100);
        int rate = intArg(args, "--rate", 20);
        int seconds = intArg(args, "--seconds", 20);
        int bytes = intArg(args, "--bytes", 300);
        int warmup = intArg(args, "--warmup", 30);
        boolean write = Arrays.asList(args).contains("--write");
        Path dir = Files.createTempDirectory("dpc-hub-bench");
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        List<String> rows = new ArrayList<>();
        try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir.resolve("pg"), true);
                HubCluster cluster = new HubCluster(pg.databaseUrl(), dir, InstanceBusSettings.defaults())) {
            Hub a = cluster.start();
            Hub b = cluster.start();
            Timing timing = new Timing(warmup, seconds);
            rows.add(run(cluster, "one instance", a, a, pairs, rate, timing, bytes));
            rows.add(run(cluster, "two instances, A → B", a, b, pairs, rate, timing, bytes));
            rows.add(run(cluster, "one instance", a, a, Math.max(1, pairs / 10), rate, timing, 60 * 1024));
            rows.add(run(cluster, "two instances, A → B", a, b, Math.max(1, pairs / 10), rate, timing,
                    60 * 1024));
        }
        String loadAfter = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        String machine = Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version().feature()
                + ", load average " + loadBefore + " → " + loadAfter;
        StringBuilder table = new StringBuilder();
        for (String row : rows) {
            table.append("| ").append(LocalDate.now(ZoneOffset.UTC)).append(" | ").append(machine).append(" | ")
                    .append(row).append(" |\n");
        }
        log.info("\n| date | machine | setup | offered msg/s | delivered msg/s | p50 | p99 | max | errors |\n"
                + "|---|---|---|---|---|---|---|---|---|\n{}", table);
        if (write) {
            Path doc = Path.of("docs/benchmarks.md");
            String marker = "<!-- cluster-relay-rows -->";
            Files.writeString(doc, Files.readString(doc).replace(marker, marker + "\n" + table.toString().strip()));
        }
    }

    /**
     * Seconds of traffic before and during the measurement. The warm-up is long because a hub that has not relayed
     * across instances yet spends its first ~20 s compiling that path, on the same two cores.
     */
    private record Timing(int warmupSeconds, int seconds) {
    }

    private static String run(HubCluster cluster, String setup, Hub senders, Hub receivers, int pairs, int rate,
            Timing timing, int bytes) throws Exception {
        int seconds = timing.seconds();
        List<Probe> sending = new ArrayList<>();
        List<Probe> receiving = new ArrayList<>();
        Recorder recorder = new Recorder(pairs * rate * (seconds + 10));
        for (int i = 0; i < pairs; i++) {
            String run = setup.replaceAll("[^a-z0-9]", "") + System.nanoTime() + "-" + i;
            receiving.add(Probe.open(HubCluster.wsUrl(receivers, cluster.accessTokenOfNewUser("r" + run + "@bench.example")),
                    recorder));
            sending.add(Probe.open(HubCluster.wsUrl(senders, cluster.accessTokenOfNewUser("s" + run + "@bench.example")),
                    recorder));
        }
        String padding = "x".repeat(Math.max(0, bytes - 160));
        AtomicLong sent = new AtomicLong();
        ScheduledExecutorService pacer = Executors.newScheduledThreadPool(2);
        long periodMicros = 1_000_000L / rate;
        long warmupNanos = Duration.ofSeconds(timing.warmupSeconds()).toNanos();
        long start = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            Probe from = sending.get(i);
            String target = receiving.get(i).node();
            long offset = periodMicros * i / pairs;
            pacer.scheduleAtFixedRate(() -> {
                String frame = "{\"type\":\"signal\",\"target_node_id\":\"" + target + "\",\"payload\":{\"t\":"
                        + System.nanoTime() + ",\"p\":\"" + padding + "\"}}";
                from.send(frame);
                sent.incrementAndGet();
            }, offset, periodMicros, TimeUnit.MICROSECONDS);
        }
        LockSupport.parkNanos(warmupNanos);
        recorder.reset();
        long measuredFrom = System.nanoTime();
        LockSupport.parkNanos(Duration.ofSeconds(seconds).toNanos());
        long measuredNanos = System.nanoTime() - measuredFrom;
        int received = recorder.count();
        long[] latencies = recorder.snapshot();
        pacer.shutdownNow();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        sending.forEach(Probe::close);
        receiving.forEach(Probe::close);
        Arrays.sort(latencies);
        double deliveredPerSecond = received * 1e9 / measuredNanos;
        log.debug("{}: sent {} in {} ns", setup, sent.get(), System.nanoTime() - start);
        log.info("{}, {} B frames: {}", setup, bytes, recorder.worst());
        return String.format(Locale.ROOT, "%s, %d B frames | %d | %.0f | %s | %s | %s | %d", setup, bytes,
                pairs * rate, deliveredPerSecond, millis(percentile(latencies, 0.50)),
                millis(percentile(latencies, 0.99)), millis(latencies.length == 0 ? 0 : latencies[latencies.length - 1]),
                recorder.errors());
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f ms", nanos / 1e6);
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }

    /** Latencies of the measured period and the error frames seen by senders. */
    private static final class Recorder {
        private final long[] latencies;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger errors = new AtomicInteger();
        private volatile boolean recording;
        private volatile long worstNanos;
        private volatile java.time.Instant worstAt;

        Recorder(int capacity) {
            latencies = new long[capacity];
        }

        void record(long nanos) {
            if (!recording) {
                return;
            }
            int slot = next.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = nanos;
            }
            if (nanos > worstNanos) {
                noteWorst(nanos);
            }
        }

        /** The longest delay so far and when it ended, to find its cause in a recording of the same run. */
        private synchronized void noteWorst(long nanos) {
            if (nanos > worstNanos) {
                worstNanos = nanos;
                worstAt = java.time.Instant.now();
            }
        }

        String worst() {
            return String.format(Locale.ROOT, "worst delay %.1f ms, ending at %s", worstNanos / 1e6, worstAt);
        }

        void error() {
            if (recording) {
                errors.incrementAndGet();
            }
        }

        synchronized void reset() {
            next.set(0);
            errors.set(0);
            worstNanos = 0;
            worstAt = null;
            recording = true;
        }

        int count() {
            return Math.min(next.get(), latencies.length);
        }

        int errors() {
            return errors.get();
        }

        long[] snapshot() {
            recording = false;
            return Arrays.copyOf(latencies, count());
        }
    }

    /** A WebSocket client that timestamps arriving signals in its callback (no queue in between). */
    private static final class Probe implements WebSocket.Listener {
        /** Callbacks run on the client's selector thread: no hand-off to a worker per frame, so the clients cost less. */
        private static final HttpClient HTTP = HttpClient.newBuilder().executor(Runnable::run).build();
        private final Recorder recorder;
        private final CompletableFuture<String> node = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private CompletableFuture<WebSocket> sending = CompletableFuture.completedFuture(null);

        private Probe(Recorder recorder) {
            this.recorder = recorder;
        }

        static Probe open(String url, Recorder recorder) throws Exception {
            Probe probe = new Probe(recorder);
            probe.socket = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), probe).get(10, TimeUnit.SECONDS);
            probe.node.get(10, TimeUnit.SECONDS);
            return probe;
        }

        String node() {
            return node.join();
        }

        synchronized void send(String frame) {
            sending = sending.thenCompose(ws -> socket.sendText(frame, true));
        }

        void close() {
            socket.abort();
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(Long.MAX_VALUE);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            partial.append(data);
            if (!last) {
                return null;
            }
            String text = partial.toString();
            partial.setLength(0);
            int t = text.indexOf("\"t\":");
            if (text.startsWith("{\"type\":\"signal\"") && t > 0) {
                int end = t + 4;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                recorder.record(now - Long.parseLong(text.substring(t + 4, end)));
            } else if (text.contains("\"auth_ok\"")) {
                int at = text.indexOf("\"node_id\":\"") + 11;
                node.complete(text.substring(at, text.indexOf('"', at)));
            } else if (text.contains("\"error\"")) {
                recorder.error();
            }
            return null;
        }
    }
}
