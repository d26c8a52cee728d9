package network.dpc.hub.adapter.persistence.bus;

import java.sql.SQLException;
import java.time.Duration;
import java.sql.Connection;
import java.util.List;
import network.dpc.hub.adapter.persistence.StatementBatcher;

/**
 * Sends the relay notifications of one instance for all its callers through a {@link StatementBatcher}: everything
 * pending goes out in one statement (one transaction, one turn of PostgreSQL's notification lock, one wake-up of
 * each listener), and every caller waits, within a bound, until its own notification has committed or failed. Two
 * identical notifications never share a statement, because PostgreSQL would fold them into one.
 */
final class NotificationSender implements AutoCloseable {

    /** At most this many notifications in one statement. */
    static final int MAX_BATCH = 256;
    /** At most about this many payload characters in one statement (a payload is at most 7,900 bytes). */
    static final int MAX_BATCH_CHARS = 512 * 1024;
    /** Callers beyond this many waiting are refused at once instead of queueing without bound. */
    static final int MAX_WAITING = 20_000;

    private final StatementBatcher<Notification, Void> batcher;

    /** Where the sender gets a connection for each statement (the instance's pool). */
    @FunctionalInterface
    interface Connections extends StatementBatcher.Connections {
    }

    /** One notification; identical ones are told apart only by the statement they go out in. */
    private record Notification(String channel, String payload) {
    }

    /**
     * @param timeout how long a caller waits for its notification's commit before it is told the send failed
     */
    NotificationSender(Connections connections, String name, Duration timeout) {
        this.batcher = new StatementBatcher<>(name, connections,
                StatementBatcher.Statement.withoutAnswers(NotificationSender::notifyEach), n -> n,
                n -> n.payload().length(), new StatementBatcher.Limits(MAX_BATCH, MAX_BATCH_CHARS, MAX_WAITING,
                        timeout, false));
    }

    void start() {
        batcher.start();
    }

    /**
     * Sends {@code payload} on {@code channel} and returns once it has committed.
     *
     * @throws SQLException when it could not be handed to PostgreSQL within the timeout (then it was not sent, or
     *     its fate is unknown)
     */
    void send(String channel, String payload) throws SQLException {
        batcher.submit(new Notification(channel, payload));
    }

    /** How many statements have been sent (each carrying one or more notifications); for tests. */
    long statementsSent() {
        return batcher.statementsRun();
    }

    /** How many notifications wait to be taken into a statement; for tests. */
    int queued() {
        return batcher.queued();
    }

    @Override
    public void close() {
        batcher.close();
    }

    private static void notifyEach(Connection c, List<Notification> batch) throws SQLException {
        String[] channels = new String[batch.size()];
        String[] payloads = new String[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            channels[i] = batch.get(i).channel();
            payloads[i] = batch.get(i).payload();
        }
        BusSql.notifyEach(c, channels, payloads);
    }
}
