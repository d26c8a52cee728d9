package network.dpc.hub.adapter.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.HttpSettings;
import network.dpc.hub.adapter.http.HubHttpServer;
import network.dpc.hub.adapter.http.TestHttpClient;
import network.dpc.hub.application.fake.MutableClock;
import network.dpc.hub.application.port.out.RateWindowCounter;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sign-in and node-registration limits hold across two hub instances that share a counter. */
class SharedRateLimitTest {

    private final MutableClock clock = MutableClock.at("2026-11-27T08:00:10Z");
    private final Map<String, Long> windows = new ConcurrentHashMap<>();
    private final AtomicBoolean counterDown = new AtomicBoolean();
    private final RateWindowCounter shared = (key, start, window) -> {
        if (counterDown.get()) {
            throw new IllegalStateException("database gone");
        }
        return windows.merge(key + "@" + start, 1L, Long::sum);
    };
    private final HttpRoutes endpoints = routes -> {
        routes.get("/login/{provider}", ctx -> ctx.result("login"));
        routes.get("/other", ctx -> ctx.result("other"));
    };
    private final HubHttpServer first = server();
    private final HubHttpServer second = server();
    private final TestHttpClient a = new TestHttpClient(first.start(0));
    private final TestHttpClient b = new TestHttpClient(second.start(0));

    private HubHttpServer server() {
        BearerAuthentication bearer = new BearerAuthentication(token -> {
            throw new DomainException(ErrorKind.UNAUTHORIZED, "invalid_token", "Invalid token");
        });
        return new HubHttpServer(new HttpSettings("127.0.0.1", false, 64 * 1024, List.of()),
                List.of(new RateLimiting(bearer, new ClientAddresses(List.of()), clock, shared), endpoints));
    }

    @AfterEach
    void stop() {
        first.stop();
        second.stop();
    }

    @Test
    void loginAttemptsSpreadOverTwoInstancesShareOneAllowance() {
        for (int i = 0; i < 5; i++) {
            assertThat((i % 2 == 0 ? a : b).get("/login/oidc").statusCode()).isEqualTo(200);
        }

        HttpResponse<String> limited = b.get("/login/oidc");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(TestHttpClient.json(limited).get("code").asText()).isEqualTo("rate_limited");
        assertThat(TestHttpClient.json(limited).get("detail").asText()).isEqualTo("Rate limit exceeded: 5 per 1 minute");
        assertThat(limited.headers().firstValue("Retry-After")).contains("50");
        assertThat(a.get("/other").statusCode()).as("other limits stay per instance").isEqualTo(200);

        clock.advance(Duration.ofMinutes(1));
        assertThat(a.get("/login/oidc").statusCode()).isEqualTo(200);
    }

    @Test
    void whileTheSharedCounterCannotAnswerEachInstanceStillLimitsOnItsOwn() {
        counterDown.set(true);
        for (int i = 0; i < 5; i++) {
            assertThat(a.get("/login/oidc").statusCode()).isEqualTo(200);
        }
        assertThat(a.get("/login/oidc").statusCode()).isEqualTo(429);
        assertThat(windows).isEmpty();
    }
}
