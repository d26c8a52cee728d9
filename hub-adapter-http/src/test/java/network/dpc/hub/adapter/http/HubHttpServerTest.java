package network.dpc.hub.adapter.http;

import static network.dpc.hub.adapter.http.TestHttpClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import network.dpc.hub.application.service.HealthService;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HubHttpServerTest {

    private static final AtomicReference<Optional<String>> databaseProblem =
            new AtomicReference<>(Optional.empty());
    private static HubHttpServer server;
    private static TestHttpClient http;

    @BeforeAll
    static void start() {
        HealthService health = new HealthService("9.9.9", "inst-1", Clock.systemUTC(), databaseProblem::get,
                () -> 2, () -> 1);
        HttpRoutes failing = routes -> {
            routes.get("/boom", ctx -> {
                throw new IllegalStateException("secret internals");
            });
            routes.get("/domain/{kind}", ctx -> {
                throw new DomainException(ErrorKind.valueOf(ctx.pathParam("kind")), "some_code", "Some sentence");
            });
            routes.post("/echo", ctx -> ctx.result(ctx.body()));
        };
        server = new HubHttpServer(new HttpSettings("127.0.0.1", false, 64 * 1024),
                List.of(new HealthRoutes(health, "9.9.9"), failing));
        http = new TestHttpClient(server.start(0));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void rootNamesTheProjectAndVersion() {
        HttpResponse<String> response = http.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("project").asText()).isEqualTo("D-PC Federation Hub");
        assertThat(body.get("version").asText()).isEqualTo("9.9.9");
    }

    @Test
    void listensWithABacklogBigEnoughForReconnectionBursts() {
        assertThat(server.acceptQueueSize()).isEqualTo(1024);
    }

    @Test
    void healthReportsEveryFieldOfTheContract() {
        databaseProblem.set(Optional.empty());
        JsonNode body = json(http.get("/health"));

        assertThat(body.get("status").asText()).isEqualTo("healthy");
        assertThat(body.get("version").asText()).isEqualTo("9.9.9");
        assertThat(body.get("database").asText()).isEqualTo("healthy");
        assertThat(body.get("websocket_connections").asLong()).isEqualTo(2);
        assertThat(body.get("blacklist_size").asLong()).isEqualTo(1);
        assertThat(body.get("uptime_seconds").isIntegralNumber()).isTrue();
        assertThat(body.get("instance_id").asText()).isEqualTo("inst-1");
    }

    @Test
    void degradedDatabaseMakesHealthDegradedAndReadyUnavailable() {
        databaseProblem.set(Optional.of("cannot reach the database"));
        try {
            HttpResponse<String> health = http.get("/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).get("status").asText()).isEqualTo("degraded");
            assertThat(json(health).get("database").asText()).isEqualTo("unhealthy: cannot reach the database");

            HttpResponse<String> ready = http.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(json(ready).get("code").asText()).isEqualTo("not_ready");
            assertThat(json(ready).get("detail").asText()).isNotBlank();

            assertThat(http.get("/health/live").statusCode()).isEqualTo(200);
        } finally {
            databaseProblem.set(Optional.empty());
        }
        assertThat(http.get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsAJson404() {
        HttpResponse<String> response = http.get("/no/such/route");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("code").asText()).isEqualTo("not_found");
        assertThat(json(response).get("detail").asText()).contains("/no/such/route");
    }

    @Test
    void trailingSlashIsNotRedirected() {
        HttpResponse<String> response = http.get("/health/");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void wrongMethodIsAJson405() {
        HttpResponse<String> response = http.send(http.request("/health")
                .DELETE().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(json(response).get("code").asText()).isEqualTo("method_not_allowed");
        assertThat(json(response).get("detail").asText()).isNotBlank();
    }

    @Test
    void oversizeBodyIsAJson413AndSmallOneIsServed() {
        // Expect: 100-continue, as careful clients send large bodies: the refusal comes on the length alone, so no
        // unread body can reset the connection before the 413 is read (HTTP's early-response race).
        HttpResponse<String> big = http.send(http.request("/echo").expectContinue(true)
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(64 * 1024 + 1))).build());
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Connection")).hasValue("close");
        assertThat(json(big).get("code").asText()).isEqualTo("payload_too_large");
        assertThat(json(big).get("detail").asText()).contains("64 KiB");

        HttpResponse<String> small = http.send(http.request("/echo")
                .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
        assertThat(small.statusCode()).isEqualTo(200);
        assertThat(small.body()).isEqualTo("hello");
    }

    @Test
    void hugeHeadersAreRefusedWithJsonNotHtml() {
        HttpResponse<String> response = http.send(http.request("/health")
                .header("X-Huge", "h".repeat(64 * 1024)).GET().build());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        assertThat(json(response).get("code").asText()).isEqualTo("headers_too_large");
        assertThat(json(response).get("detail").asText()).isNotBlank();
    }

    @Test
    void corsIsOffWithoutAllowedOrigins() {
        HttpResponse<String> response = http.send(http.request("/health")
                .header("Origin", "https://evil.example.org").GET().build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void unexpectedExceptionIsAJson500WithoutInternals() {
        HttpResponse<String> response = http.get("/boom");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).get("code").asText()).isEqualTo("internal_error");
        assertThat(response.body()).doesNotContain("secret internals").doesNotContain("Exception");
    }

    @ParameterizedTest
    @EnumSource(ErrorKind.class)
    void everyDomainErrorKindHasItsStatusAndJsonBody(ErrorKind kind) {
        HttpResponse<String> response = http.get("/domain/" + kind.name());

        assertThat(response.statusCode()).isEqualTo(ErrorMapper.statusOf(kind).getCode());
        assertThat(response.statusCode()).isBetween(400, 599);
        assertThat(json(response).get("code").asText()).isEqualTo("some_code");
        assertThat(json(response).get("detail").asText()).isEqualTo("Some sentence");
    }

    @Test
    void echoesASaneRequestIdAndReplacesAnInsaneOne() {
        HttpResponse<String> sane = http.send(http.request("/").header("X-Request-ID", "abc-123").GET().build());
        assertThat(sane.headers().firstValue("X-Request-ID")).contains("abc-123");

        HttpResponse<String> insane = http.send(http.request("/")
                .header("X-Request-ID", "<script>" + "x".repeat(300)).GET().build());
        assertThat(insane.headers().firstValue("X-Request-ID")).hasValueSatisfying(
                v -> assertThat(v).matches("[0-9a-f-]{36}"));
    }

    @Test
    void everyResponseCarriesSecurityHeadersAndARequestId() {
        for (HttpResponse<String> response : List.of(http.get("/"), http.get("/nowhere"), http.get("/boom"))) {
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("X-Request-ID")).isPresent();
            assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
        }
    }
}
