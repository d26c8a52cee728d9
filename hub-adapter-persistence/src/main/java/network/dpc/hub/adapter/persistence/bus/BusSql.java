package network.dpc.hub.adapter.persistence.bus;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import network.dpc.hub.adapter.persistence.StatementBatcher;
import network.dpc.hub.domain.node.NodeId;

/**
 * The SQL of the instance bus over plain JDBC (the hot path prepares few, small statements). Every state change
 * that other instances must hear of is written and notified in one statement, so a notification is sent exactly
 * when its change commits.
 */
final class BusSql {

    static final String BROADCAST = "dpc_hub_all";

    /**
     * Appended to the select list of a statement that notifies: its commit does not wait for the WAL flush. A
     * notification makes PostgreSQL assign a transaction id and write a commit record, which with
     * {@code synchronous_commit=on} would cost a disk flush per relayed signal; the bus's writes are all to UNLOGGED
     * tables or are notifications, which a crash loses anyway, so nothing durable is given up.
     */
    private static final String NO_FLUSH = ", set_config('synchronous_commit', 'off', true)";

    private BusSql() {
    }

    static String channelOf(String instance) {
        return "dpc_hub_i_" + instance;
    }

    /** The channel that carries {@code instance}'s signals, small and sealed alike (at most 53 characters). */
    static String signalChannelOf(String instance) {
        return signalChannelsHeardBy(instance).getFirst();
    }

    /**
     * The channels {@code instance}'s signal connection listens on: its signal channel, then the three more that
     * versions before ADR 0005's session-4 decision spread signals over ({@code _s1} to {@code _s3}), so signals from
     * such an instance still arrive during a rolling upgrade.
     */
    static List<String> signalChannelsHeardBy(String instance) {
        return List.of(channelOf(instance) + "_s0", channelOf(instance) + "_s1", channelOf(instance) + "_s2",
                channelOf(instance) + "_s3");
    }

    static void listenSignals(Connection c, String instance) throws SQLException {
        try (var s = c.createStatement()) {
            for (String channel : signalChannelsHeardBy(instance)) {
                s.execute("LISTEN " + channel); // instance ids are [a-z0-9_]{1,40}
            }
        }
    }

    static void listen(Connection c, String instance) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("LISTEN " + channelOf(instance)); // instance ids are [a-z0-9_]{1,40}, checked at birth
            s.execute("LISTEN " + BROADCAST);
        }
    }

    static void notify(Connection c, String channel, String payload) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)" + NO_FLUSH)) {
            ps.setString(1, channel);
            ps.setString(2, payload);
            ps.execute();
        }
    }

    /**
     * Sends {@code payloads[i]} on {@code channels[i]}, in this order, in one statement: one transaction, one turn
     * of the notification lock and one wake-up per listener for all of them.
     */
    static void notifyEach(Connection c, String[] channels, String[] payloads) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pg_notify(m.c, m.p)" + NO_FLUSH + " FROM unnest(?::text[], ?::text[]) AS m(c, p)")) {
            ps.setArray(1, c.createArrayOf("text", channels));
            ps.setArray(2, c.createArrayOf("text", payloads));
            ps.execute();
        }
    }

    /** Whether {@code e} says the connection broke (SQL state class 08, or the server shut down), not the SQL. */
    static boolean isConnectionFailure(SQLException e) {
        return StatementBatcher.isConnectionFailure(e);
    }

    /** Stores a sealed frame and notifies {@code channel} of it, in one statement. */
    static void notifyWithTransit(Connection c, String channel, String payload, UUID id, byte[] sealed)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH t AS (INSERT INTO signal_transit (id, sealed) VALUES (?, ?) RETURNING id)
                SELECT pg_notify(?, ?)""" + NO_FLUSH + " FROM t")) {
            ps.setObject(1, id);
            ps.setBytes(2, sealed);
            ps.setString(3, channel);
            ps.setString(4, payload);
            ps.execute();
        }
    }

    /** Takes a frame out of transit: the row is gone once read. */
    static Optional<byte[]> takeTransit(Connection c, UUID id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM signal_transit WHERE id = ? RETURNING sealed")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
            }
        }
    }

    /**
     * Claims {@code nodes} (distinct) for {@code instance} in one statement and tells everyone: each gets a new claim,
     * higher than any before. Rows are locked in node order, as in every statement here that changes several presence
     * rows, so no two of them wait for each other in a cycle.
     *
     * @return each node's new claim, in the order of {@code nodes}
     */
    static List<Long> claimOnline(Connection c, String instance, List<NodeId> nodes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH up AS (
                    INSERT INTO node_presence (node_id, instance_id, claim)
                    SELECT n, ?, nextval('node_presence_claims')
                    FROM (SELECT n FROM unnest(?::text[]) AS n ORDER BY n COLLATE "C") AS sorted
                    ON CONFLICT (node_id) DO UPDATE
                        SET instance_id = EXCLUDED.instance_id, claim = EXCLUDED.claim, last_seen = NULL
                    RETURNING node_id, claim)
                SELECT node_id, claim, pg_notify(?, 'O|' || ? || '|' || node_id || '|' || claim)""" + NO_FLUSH
                + " FROM up")) {
            ps.setString(1, instance);
            ps.setArray(2, c.createArrayOf("text", nodes.stream().map(NodeId::value).toArray()));
            ps.setString(3, BROADCAST);
            ps.setString(4, instance);
            Map<String, Long> claims = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    claims.put(rs.getString(1), rs.getLong(2));
                }
            }
            List<Long> ordered = new ArrayList<>(nodes.size());
            for (NodeId node : nodes) {
                Long claim = claims.get(node.value());
                if (claim == null) {
                    throw new SQLException("a node was not claimed", "XX000");
                }
                ordered.add(claim);
            }
            return ordered;
        }
    }

    /** A node going offline: released only if its instance still holds it with this claim. */
    record Release(NodeId node, long claim, Instant at) {
    }

    /**
     * Marks each of {@code releases} (distinct nodes) offline where {@code instance} still holds it with its claim, in
     * one statement, and tells everyone of those it released. Rows are locked in node order, as every statement here
     * that changes several presence rows locks them.
     */
    static void releaseOffline(Connection c, String instance, List<Release> releases) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH r AS (SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[]) AS r(node, claim, at)),
                locked AS (
                    SELECT p.node_id, r.at FROM node_presence p JOIN r ON p.node_id = r.node
                    WHERE p.instance_id = ? AND p.claim = r.claim
                    ORDER BY p.node_id COLLATE "C" FOR UPDATE OF p),
                down AS (
                    UPDATE node_presence p SET instance_id = NULL, last_seen = l.at::timestamptz
                    FROM locked l WHERE p.node_id = l.node_id
                    RETURNING p.node_id, p.claim)
                SELECT pg_notify(?, 'F|' || ? || '|' || node_id || '|' || claim)""" + NO_FLUSH + " FROM down")) {
            ps.setArray(1, c.createArrayOf("text", releases.stream().map(r -> r.node().value()).toArray()));
            ps.setArray(2, c.createArrayOf("bigint", releases.stream().map(Release::claim).toArray()));
            ps.setArray(3, c.createArrayOf("text", releases.stream().map(r -> r.at().toString()).toArray()));
            ps.setString(4, instance);
            ps.setString(5, BROADCAST);
            ps.setString(6, instance);
            ps.execute();
        }
    }

    /**
     * Makes the database agree with this instance's sockets after (re)connecting: its rows of nodes it no longer
     * holds go offline, and it claims its nodes again unless another live instance holds them now.
     *
     * @return the new claim of every node this instance still holds; nodes missing from it belong elsewhere now
     */
    static Map<NodeId, Long> reconcile(Connection c, String instance, Collection<NodeId> held) throws SQLException {
        Array nodes = c.createArrayOf("text", held.stream().map(NodeId::value).toArray());
        try (PreparedStatement stale = c.prepareStatement("""
                WITH locked AS (
                    SELECT node_id FROM node_presence WHERE instance_id = ? AND NOT (node_id = ANY (?))
                    ORDER BY node_id COLLATE "C" FOR UPDATE)
                UPDATE node_presence p SET instance_id = NULL, last_seen = now()
                FROM locked l WHERE p.node_id = l.node_id""")) {
            stale.setString(1, instance);
            stale.setArray(2, nodes);
            stale.executeUpdate();
        }
        Map<NodeId, Long> claims = new HashMap<>();
        try (PreparedStatement claim = c.prepareStatement("""
                INSERT INTO node_presence (node_id, instance_id, claim)
                SELECT n, ?, nextval('node_presence_claims')
                FROM (SELECT n FROM unnest(?::text[]) AS n ORDER BY n COLLATE "C") AS sorted
                ON CONFLICT (node_id) DO UPDATE
                    SET instance_id = EXCLUDED.instance_id, claim = EXCLUDED.claim, last_seen = NULL
                    WHERE node_presence.instance_id IS NULL OR node_presence.instance_id = EXCLUDED.instance_id
                       OR NOT EXISTS (SELECT 1 FROM hub_instances i WHERE i.instance_id = node_presence.instance_id)
                RETURNING node_id, claim""")) {
            claim.setString(1, instance);
            claim.setArray(2, nodes);
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    claims.put(new NodeId(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        notify(c, BROADCAST, new BusMessage.InstanceAnnounced(instance).encode());
        return claims;
    }

    /** Where every node online on another instance is. */
    static Map<NodeId, PresenceReplica.Location> onlineElsewhere(Connection c, String instance) throws SQLException {
        Map<NodeId, PresenceReplica.Location> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT node_id, instance_id, claim FROM node_presence
                WHERE instance_id IS NOT NULL AND instance_id <> ?""")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(new NodeId(rs.getString(1)), new PresenceReplica.Location(rs.getString(2),
                            rs.getLong(3)));
                }
            }
        }
        return rows;
    }

    /** The nodes {@code instance} holds, with their claims. */
    static Map<NodeId, Long> heldBy(Connection c, String instance) throws SQLException {
        Map<NodeId, Long> rows = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT node_id, claim FROM node_presence WHERE instance_id = ?")) {
            ps.setString(1, instance);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.put(new NodeId(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return rows;
    }

    /** The instance other than {@code self} holding {@code node}, if any. */
    static Optional<String> holderOf(Connection c, NodeId node, String self) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT instance_id FROM node_presence
                WHERE node_id = ? AND instance_id IS NOT NULL AND instance_id <> ?""")) {
            ps.setString(1, node.value());
            ps.setString(2, self);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /** A node's row: online on {@code instance} (nullable) or last seen at {@code lastSeen} (nullable). */
    record PresenceRow(String instance, Instant lastSeen) {
    }

    static Map<NodeId, PresenceRow> presenceOf(Connection c, List<NodeId> nodes) throws SQLException {
        Map<NodeId, PresenceRow> rows = new LinkedHashMap<>();
        if (nodes.isEmpty()) {
            return rows;
        }
        Array ids = c.createArrayOf("text", nodes.stream().map(NodeId::value).toArray());
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT node_id, instance_id, last_seen FROM node_presence WHERE node_id = ANY (?)")) {
            ps.setArray(1, ids);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp seen = rs.getTimestamp(3);
                    rows.put(new NodeId(rs.getString(1)),
                            new PresenceRow(rs.getString(2), seen == null ? null : seen.toInstant()));
                }
            }
        }
        return rows;
    }

    static void register(Connection c, String instance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO hub_instances (instance_id) VALUES (?)
                ON CONFLICT (instance_id) DO UPDATE SET heartbeat_at = now()""")) {
            ps.setString(1, instance);
            ps.executeUpdate();
        }
    }

    /** Refreshes the heartbeat; false when the row is gone (another instance swept this one as dead). */
    static boolean heartbeat(Connection c, String instance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE hub_instances SET heartbeat_at = now() WHERE instance_id = ?")) {
            ps.setString(1, instance);
            return ps.executeUpdate() == 1;
        }
    }

    /**
     * Declares instances without a heartbeat for {@code timeout} dead (and rows of instances that have no
     * heartbeat row at all orphaned): their nodes go offline, last seen at their last heartbeat, and everyone is
     * told. Returns the instances swept.
     */
    static List<String> sweepDeadInstances(Connection c, Duration timeout) throws SQLException {
        List<String> swept = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                WITH dead AS (
                    DELETE FROM hub_instances WHERE heartbeat_at < now() - make_interval(secs => ?)
                    RETURNING instance_id, heartbeat_at),
                locked AS (
                    SELECT p.node_id, d.heartbeat_at FROM node_presence p JOIN dead d ON p.instance_id = d.instance_id
                    ORDER BY p.node_id COLLATE "C" FOR UPDATE OF p),
                gone AS (
                    UPDATE node_presence p SET instance_id = NULL, last_seen = l.heartbeat_at
                    FROM locked l WHERE p.node_id = l.node_id
                    RETURNING p.node_id)
                SELECT instance_id, pg_notify(?, 'X|' || instance_id) FROM dead""")) {
            ps.setDouble(1, timeout.toMillis() / 1000.0);
            ps.setString(2, BROADCAST);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    swept.add(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                WITH locked AS (
                    SELECT p.node_id FROM node_presence p
                    WHERE p.instance_id IS NOT NULL
                      AND NOT EXISTS (SELECT 1 FROM hub_instances i WHERE i.instance_id = p.instance_id)
                    ORDER BY p.node_id COLLATE "C" FOR UPDATE OF p),
                orphans AS (
                    UPDATE node_presence p SET instance_id = NULL, last_seen = now()
                    FROM locked l WHERE p.node_id = l.node_id AND p.instance_id IS NOT NULL
                    RETURNING p.instance_id)
                SELECT o.instance_id, pg_notify(?, 'X|' || o.instance_id)
                FROM (SELECT DISTINCT instance_id FROM orphans) o""")) {
            ps.setString(1, BROADCAST);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    swept.add(rs.getString(1));
                }
            }
        }
        return swept;
    }

    /** Deletes frames left in transit for longer than {@code lifetime}; returns how many. */
    static int sweepTransit(Connection c, Duration lifetime) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "DELETE FROM signal_transit WHERE created_at < now() - make_interval(secs => ?)")) {
            ps.setDouble(1, lifetime.toMillis() / 1000.0);
            return ps.executeUpdate();
        }
    }

    /** Forgets the last-seen time of nodes offline for longer than {@code retention}. */
    static int purgeLastSeen(Connection c, Duration retention) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                DELETE FROM node_presence
                WHERE instance_id IS NULL AND last_seen < now() - make_interval(secs => ?)""")) {
            ps.setDouble(1, (double) retention.toSeconds());
            return ps.executeUpdate();
        }
    }

    /** Leaves cleanly: this instance's nodes go offline now, its heartbeat row goes, and everyone is told. */
    static void goodbye(Connection c, String instance) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                WITH bye AS (DELETE FROM hub_instances WHERE instance_id = ?),
                locked AS (SELECT node_id FROM node_presence WHERE instance_id = ?
                    ORDER BY node_id COLLATE "C" FOR UPDATE),
                off AS (UPDATE node_presence p SET instance_id = NULL, last_seen = now()
                    FROM locked l WHERE p.node_id = l.node_id)
                SELECT pg_notify(?, ?)""")) {
            ps.setString(1, instance);
            ps.setString(2, instance);
            ps.setString(3, BROADCAST);
            ps.setString(4, new BusMessage.InstanceGone(instance).encode());
            ps.execute();
        }
    }
}
