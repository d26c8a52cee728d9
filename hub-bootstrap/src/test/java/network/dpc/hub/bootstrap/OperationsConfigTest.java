package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of issue 8 (METRICS_ALLOWED_IPS, LOG_FORMAT, TURN) and the JSON log lines. */
class OperationsConfigTest {

    @Test
    void metricsAreForLoopbackUnlessTheOperatorListsAddresses() {
        assertThat(HubConfigLoader.load(Map.of()).metricsAllowedIps()).containsExactly("127.0.0.0/8", "::1");
        assertThat(HubConfigLoader.load(Map.of("METRICS_ALLOWED_IPS", "10.1.0.0/16, 192.0.2.5"))
                .metricsAllowedIps()).containsExactly("10.1.0.0/16", "192.0.2.5");
    }

    @Test
    void badOperationsSettingsAreReportedTogether() {
        assertThatThrownBy(() -> HubConfigLoader.load(Map.of("METRICS_ALLOWED_IPS", "prometheus.internal",
                "LOG_FORMAT", "xml", "TURN_URIS", "https://turn.example.org")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "TURN_URIS entries must be turn:, turns:, stun: or stuns: URIs (got \"https://turn.example.org\")",
                        "METRICS_ALLOWED_IPS entries must be IP addresses or CIDR ranges (got \"prometheus.internal\")",
                        "LOG_FORMAT must be text or json (got \"xml\")"));
    }

    @Test
    void turnNeedsBothTheSecretAndTheServers() {
        assertThat(HubConfigLoader.load(Map.of("TURN_SECRET", "s")).turnConfigured()).isFalse();
        assertThat(HubConfigLoader.load(Map.of("TURN_URIS", "turn:t.example.org")).turnConfigured()).isFalse();
        assertThat(HubConfigLoader.load(Map.of("TURN_SECRET", "s", "TURN_URIS", "turn:t.example.org"))
                .turnConfigured()).isTrue();
    }

    @Test
    void jsonLogLinesAreOneObjectWithTheFormattedMessage() throws Exception {
        LoggerContext context = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        var encoder = LogFormat.jsonEncoder(context);
        LoggingEvent event = new LoggingEvent("network.dpc.hub.bootstrap.Hub", context.getLogger("hub"), Level.INFO,
                "ready on {}:{} with \"quotes\"", null, new Object[] {"127.0.0.1", 8000});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("\n").doesNotContain("\n{");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("loggerName").asText()).isEqualTo("hub");
        assertThat(json.get("formattedMessage").asText()).isEqualTo("ready on 127.0.0.1:8000 with \"quotes\"");
        assertThat(json.has("timestamp")).isTrue();
        assertThat(json.has("arguments")).isFalse();
    }

    @Test
    void textStaysTheDefaultFormat() {
        LogFormat.apply(null);
        LogFormat.apply("text");

        var root = ((LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getAppender(LogFormat.JSON_APPENDER)).isNull();
    }
}
