package network.dpc.hub.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import network.dpc.hub.application.service.HealthService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorsTest {

    private static HubHttpServer server;
    private static TestHttpClient http;

    @BeforeAll
    static void start() {
        HealthService health = new HealthService("1", "i", Clock.systemUTC(), Optional::empty, () -> 0, () -> 0);
        server = new HubHttpServer(new HttpSettings("127.0.0.1", false, 64 * 1024,
                List.of("https://app.example.org", "tauri://localhost")), List.of(new HealthRoutes(health, "1")));
        http = new TestHttpClient(server.start(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void allowedOriginGetsCredentialedCorsWithTheRequestIdExposed() {
        HttpResponse<String> response = http.send(http.request("/health")
                .header("Origin", "https://app.example.org").GET().build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.org");
        assertThat(response.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(
                v -> assertThat(v).containsIgnoringCase("X-Request-ID"));
    }

    @Test
    void preflightFromAnAllowedOriginIsAnswered() {
        HttpResponse<String> response = http.send(http.request("/health")
                .header("Origin", "tauri://localhost")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).contains("tauri://localhost");
    }

    @Test
    void otherOriginsGetNoCorsHeaders() {
        HttpResponse<String> response = http.send(http.request("/health")
                .header("Origin", "https://evil.example.org").GET().build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
