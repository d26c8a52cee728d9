package network.dpc.hub.adapter.http.ratelimit;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** A list of IP addresses and CIDR ranges (as in {@code TRUSTED_PROXIES}) and whether an address is in one. */
public final class AddressRanges {

    private final List<ClientAddresses.Cidr> ranges;

    /**
     * @param ranges IP addresses or CIDR ranges, e.g. {@code 127.0.0.0/8}, {@code ::1}
     * @throws IllegalArgumentException for an entry that is neither
     */
    public AddressRanges(List<String> ranges) {
        this.ranges = ranges.stream().map(ClientAddresses.Cidr::parse).toList();
    }

    /** Whether {@code address} (an IP literal) lies in one of the ranges; false for anything that is no IP. */
    public boolean contains(String address) {
        Optional<InetAddress> ip = ClientAddresses.parse(address);
        return ip.isPresent() && ranges.stream().anyMatch(range -> range.contains(ip.get()));
    }
}
