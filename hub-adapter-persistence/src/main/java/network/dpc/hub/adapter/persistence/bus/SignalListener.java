package network.dpc.hub.adapter.persistence.bus;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import network.dpc.hub.adapter.persistence.PostgresDatabase;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's signal listening connection: it listens on the instance's signal channel (and the channels earlier
 * versions sent signals on) and hands each relayed signal (inline, or sealed in a transit row it reads on this
 * connection) to the bus's dispatch, reconnecting by itself. Signals have this connection of their own, apart from
 * presence and broadcasts; one connection keeps every signal to a node in order, and more would cost PostgreSQL more
 * than they save (ADR 0005).
 */
final class SignalListener {

    private static final Logger log = LoggerFactory.getLogger(SignalListener.class);
    private static final int POLL_MILLIS = 100;

    private final PostgresDatabase database;
    private final String instanceId;
    private final Dispatch dispatch;
    private final Duration reconnectDelay;
    private final ReconnectPause pause = new ReconnectPause();
    private volatile boolean running;
    private volatile boolean listening;
    private Thread thread;

    /** What the bus does with one notification's payload, given the connection it arrived on. */
    @FunctionalInterface
    interface Dispatch {
        void accept(Connection connection, String payload) throws SQLException;
    }

    SignalListener(PostgresDatabase database, String instanceId, Dispatch dispatch, Duration reconnectDelay) {
        this.database = Objects.requireNonNull(database, "database");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.dispatch = Objects.requireNonNull(dispatch, "dispatch");
        this.reconnectDelay = Objects.requireNonNull(reconnectDelay, "reconnectDelay");
    }

    synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("the signal listener is already running");
        }
        running = true;
        thread = Thread.ofPlatform().name("instance-bus-signals-" + instanceId).daemon(true).start(this::run);
    }

    /** Whether the connection is open and listening right now. */
    boolean isListening() {
        return listening;
    }

    void stop() {
        Thread running;
        synchronized (this) {
            running = thread;
            thread = null;
            this.running = false;
        }
        pause.wake();
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listening = false;
    }

    private void run() {
        while (running) {
            try (Connection c = database.openDedicatedConnection("dpc-hub-bus-" + instanceId + "-signals")) {
                c.setAutoCommit(true);
                BusSql.listenSignals(c, instanceId);
                listening = true;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            dispatch.accept(c, notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.debug("A signal listening connection failed ({}); reconnecting", e.getClass().getSimpleName());
                }
            }
            listening = false;
            if (running) {
                if (!pause.await(reconnectDelay)) {
                    running = false;
                }
            }
        }
    }
}
