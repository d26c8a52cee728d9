package network.dpc.hub.adapter.oauth;

import java.net.URI;

/** Syntax checks and joins for the provider URLs the settings carry. */
final class ProviderUrls {

    private ProviderUrls() {
    }

    static void requireHttpUrl(URI url, String name) {
        String scheme = url.getScheme();
        if (!url.isAbsolute() || url.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL");
        }
        if (url.getRawUserInfo() != null) {
            throw new IllegalArgumentException(name + " must not carry credentials");
        }
    }

    static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value.strip();
    }

    /** The URL with {@code path} appended to its path, whatever trailing slash the base has. */
    static String join(URI base, String path) {
        String text = base.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text + path;
    }
}
