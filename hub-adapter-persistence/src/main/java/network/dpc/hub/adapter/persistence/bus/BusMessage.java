package network.dpc.hub.adapter.persistence.bus;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.signaling.SocketClose;
import network.dpc.hub.domain.user.UserId;

/**
 * What one hub instance tells another over PostgreSQL {@code NOTIFY}, as a compact {@code |}-separated text. Signal
 * messages go to the channel of the instance holding the target; everything else goes to the channel all instances
 * listen on and names the instance that sent it. No message names a signal's sender together with its target
 * beyond the frame itself, which is never stored.
 */
sealed interface BusMessage {

    Pattern INSTANCE_ID = Pattern.compile("[a-z0-9_]{1,40}");

    /** The text sent as the notification payload. */
    String encode();

    /** A signal frame carried in the notification itself. */
    record Signal(NodeId target, String frame) implements BusMessage {
        public Signal {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(frame, "frame");
        }

        @Override
        public String encode() {
            return "S|" + target.value() + "|" + frame;
        }
    }

    /** A signal frame too large for a notification, waiting sealed in {@code signal_transit} under {@code id}. */
    record SignalInTransit(NodeId target, UUID id, String key) implements BusMessage {
        public SignalInTransit {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(key, "key");
        }

        @Override
        public String encode() {
            return "T|" + target.value() + "|" + id + "|" + key;
        }
    }

    /** {@code node} came online on {@code instance} with {@code claim}. */
    record NodeOnline(String instance, NodeId node, long claim) implements BusMessage {
        public NodeOnline {
            requireInstance(instance);
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String encode() {
            return "O|" + instance + "|" + node.value() + "|" + claim;
        }
    }

    /** The socket of {@code node} on {@code instance} that held {@code claim} closed. */
    record NodeOffline(String instance, NodeId node, long claim) implements BusMessage {
        public NodeOffline {
            requireInstance(instance);
            Objects.requireNonNull(node, "node");
        }

        @Override
        public String encode() {
            return "F|" + instance + "|" + node.value() + "|" + claim;
        }
    }

    /** {@code instance} announced all its nodes again (after reconnecting): reload its rows. */
    record InstanceAnnounced(String instance) implements BusMessage {
        public InstanceAnnounced {
            requireInstance(instance);
        }

        @Override
        public String encode() {
            return "R|" + instance;
        }
    }

    /** {@code instance} left (said goodbye, or was swept as dead): its nodes are offline. */
    record InstanceGone(String instance) implements BusMessage {
        public InstanceGone {
            requireInstance(instance);
        }

        @Override
        public String encode() {
            return "X|" + instance;
        }
    }

    /** Close every socket of {@code user} on every other instance. */
    record CloseUser(String instance, UserId user, SocketClose reason) implements BusMessage {
        public CloseUser {
            requireInstance(instance);
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String encode() {
            return "U|" + instance + "|" + user + "|" + reason.code() + "|" + reason.reason();
        }
    }

    /** Close the socket of {@code node} on every other instance. */
    record CloseNode(String instance, NodeId node, SocketClose reason) implements BusMessage {
        public CloseNode {
            requireInstance(instance);
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String encode() {
            return "N|" + instance + "|" + node.value() + "|" + reason.code() + "|" + reason.reason();
        }
    }

    /** The instance that sent a broadcast, or empty for signals (which are never broadcast). */
    default Optional<String> origin() {
        return switch (this) {
            case NodeOnline m -> Optional.of(m.instance());
            case NodeOffline m -> Optional.of(m.instance());
            case InstanceAnnounced m -> Optional.of(m.instance());
            case InstanceGone m -> Optional.of(m.instance());
            case CloseUser m -> Optional.of(m.instance());
            case CloseNode m -> Optional.of(m.instance());
            case Signal m -> Optional.empty();
            case SignalInTransit m -> Optional.empty();
        };
    }

    /** Parses a payload; anything malformed (never sent by a hub) yields empty. */
    static Optional<BusMessage> parse(String payload) {
        if (payload == null || payload.length() < 3 || payload.charAt(1) != '|') {
            return Optional.empty();
        }
        try {
            String body = payload.substring(2);
            return Optional.of(switch (payload.charAt(0)) {
                case 'S' -> {
                    String[] p = body.split("\\|", 2);
                    yield new Signal(new NodeId(p[0]), p[1]);
                }
                case 'T' -> {
                    String[] p = fields(body, 3);
                    yield new SignalInTransit(new NodeId(p[0]), UUID.fromString(p[1]), p[2]);
                }
                case 'O' -> {
                    String[] p = fields(body, 3);
                    yield new NodeOnline(p[0], new NodeId(p[1]), Long.parseLong(p[2]));
                }
                case 'F' -> {
                    String[] p = fields(body, 3);
                    yield new NodeOffline(p[0], new NodeId(p[1]), Long.parseLong(p[2]));
                }
                case 'R' -> new InstanceAnnounced(body);
                case 'X' -> new InstanceGone(body);
                case 'U' -> {
                    String[] p = body.split("\\|", 4);
                    yield new CloseUser(p[0], UserId.parse(p[1]), new SocketClose(Integer.parseInt(p[2]), p[3]));
                }
                case 'N' -> {
                    String[] p = body.split("\\|", 4);
                    yield new CloseNode(p[0], new NodeId(p[1]), new SocketClose(Integer.parseInt(p[2]), p[3]));
                }
                default -> throw new IllegalArgumentException("unknown bus message kind");
            });
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException malformed) {
            return Optional.empty();
        }
    }

    private static String[] fields(String body, int count) {
        String[] parts = body.split("\\|", -1);
        if (parts.length != count) {
            throw new IllegalArgumentException("expected " + count + " fields");
        }
        return parts;
    }

    private static void requireInstance(String instance) {
        Objects.requireNonNull(instance, "instance");
        if (!INSTANCE_ID.matcher(instance).matches()) {
            throw new IllegalArgumentException("an instance id is 1-40 characters of a-z, 0-9 and _");
        }
    }
}
