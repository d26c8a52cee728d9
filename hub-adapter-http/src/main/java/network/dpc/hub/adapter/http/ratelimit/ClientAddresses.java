package network.dpc.hub.adapter.http.ratelimit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the client's IP address: the socket's peer, or — only when that peer is a trusted proxy — the right-most
 * address in {@code X-Forwarded-For} that is not itself a trusted proxy.
 */
public final class ClientAddresses {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]{2,45}");

    private final AddressRanges trustedProxies;

    /** @param trustedProxies IP addresses or CIDR ranges, e.g. {@code 10.0.0.0/8}, {@code ::1} */
    public ClientAddresses(List<String> trustedProxies) {
        this.trustedProxies = new AddressRanges(trustedProxies);
    }

    public String clientOf(String peerAddress, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !isTrusted(peerAddress)) {
            return peerAddress;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!IP_LITERAL.matcher(hop).matches() || parse(hop).isEmpty()) {
                return peerAddress;
            }
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return peerAddress;
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean isTrusted(String address) {
        return trustedProxies.contains(address);
    }

    static Optional<InetAddress> parse(String literal) {
        if (literal == null || !IP_LITERAL.matcher(literal).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(literal));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address range in CIDR notation; a bare address is a range of one. */
    record Cidr(byte[] network, int prefixBits) {

        static Cidr parse(String text) {
            String[] parts = text.strip().split("/", 2);
            InetAddress address = ClientAddresses.parse(parts[0])
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + text));
            byte[] bytes = address.getAddress();
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : bytes.length * 8;
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("bad prefix length: " + text);
            }
            return new Cidr(bytes, bits);
        }

        boolean contains(InetAddress candidate) {
            byte[] other = candidate.getAddress();
            if (other.length != network.length) {
                return false;
            }
            int full = prefixBits / 8;
            if (!Arrays.equals(Arrays.copyOf(network, full), Arrays.copyOf(other, full))) {
                return false;
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (network[full] & mask) == (other[full] & mask);
        }
    }
}
