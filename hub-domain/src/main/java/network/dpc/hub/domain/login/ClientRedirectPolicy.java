package network.dpc.hub.domain.login;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * Decides where a login's tokens may be sent: loopback http URLs on any port (as RFC 8252 allows native apps),
 * URLs on the operator's allow-list, or else the configured default client callback.
 */
public final class ClientRedirectPolicy {

    private static final Set<String> LOOPBACK_HOSTS = Set.of("127.0.0.1", "[::1]", "localhost");
    private static final int MAX_LENGTH = 2048;

    private final URI defaultRedirect;
    private final List<URI> allowlist;

    public ClientRedirectPolicy(URI defaultRedirect, List<URI> allowlist) {
        this.defaultRedirect = Objects.requireNonNull(defaultRedirect, "defaultRedirect");
        this.allowlist = List.copyOf(allowlist);
    }

    /**
     * The client callback for a login that asked for {@code requested} (or the default when absent).
     *
     * @throws DomainException INVALID {@code invalid_redirect_uri} for anything not allowed
     */
    public URI resolve(Optional<String> requested) {
        if (requested.isEmpty()) {
            return defaultRedirect;
        }
        String text = requested.get();
        URI uri = parse(text);
        if (isLoopback(uri) || allowlist.contains(uri)) {
            return uri;
        }
        throw invalid();
    }

    private static URI parse(String text) {
        if (text.length() > MAX_LENGTH) {
            throw invalid();
        }
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw invalid();
        }
    }

    private static boolean isLoopback(URI uri) {
        return "http".equals(uri.getScheme()) && uri.getRawUserInfo() == null && uri.getHost() != null
                && LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT)) && uri.getPort() > 0
                && uri.getRawFragment() == null;
    }

    private static DomainException invalid() {
        return new DomainException(ErrorKind.INVALID, "invalid_redirect_uri",
                "redirect_uri must be a loopback http URL (http://127.0.0.1:<port>/...) or on the hub's allow-list");
    }
}
