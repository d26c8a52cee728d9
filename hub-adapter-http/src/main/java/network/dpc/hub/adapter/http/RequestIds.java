package network.dpc.hub.adapter.http;

import java.util.UUID;
import java.util.regex.Pattern;

/** Chooses the {@code X-Request-ID} of a request: a sane incoming one is echoed, anything else is replaced. */
final class RequestIds {

    static final String HEADER = "X-Request-ID";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    static String choose(String incoming) {
        return incoming != null && SANE.matcher(incoming).matches() ? incoming : UUID.randomUUID().toString();
    }
}
