package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hub's own log configuration redacts tokens and tickets from URLs that libraries log. */
class LogRedactionTest {

    @Test
    void aLoggedUrlKeepsItsPathButNotItsTokenOrTicket() throws Exception {
        String line = textLogOf("org.eclipse.jetty.server.Response", "writeError: status=500, request="
                + "GET http://127.0.0.1:8000/ws/signal?node_id=dpc-node-1&token=eyJhbGciOi.secret.sig HTTP/1.1 "
                + "then GET /ws/signal?TICKET=abc123&x=1", null);

        assertThat(line).contains("/ws/signal?node_id=dpc-node-1&token=[redacted] HTTP/1.1")
                .contains("?TICKET=[redacted]&x=1")
                .doesNotContain("eyJhbGciOi").doesNotContain("abc123");
    }

    @Test
    void anExceptionsUrlIsRedactedInTextToo() throws Exception {
        String line = textLogOf("org.eclipse.jetty.server.HttpChannel", "request failed",
                new IllegalStateException("bad request GET /ws/signal?ticket=t1ck3t&token=eyJ.x.y"));

        assertThat(line).contains("request failed").contains("IllegalStateException: bad request GET "
                + "/ws/signal?ticket=[redacted]&token=[redacted]").doesNotContain("t1ck3t").doesNotContain("eyJ.x.y");
    }

    @Test
    void jsonLinesRedactTokensAndTicketsInMessagesAndExceptions() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        RedactingEncoder encoder = LogFormat.redactedJsonEncoder(context);
        LoggingEvent event = new LoggingEvent("org.eclipse.jetty.server.Response", context.getLogger("jetty"),
                Level.WARN, "writeError: request=GET /ws/signal?node_id=n&token={} HTTP/1.1",
                new IllegalStateException("GET /ws/signal?TICKET=abc123"), new Object[] {"eyJhbGciOi.secret.sig"});

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).doesNotContain("eyJhbGciOi").doesNotContain("abc123");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.get("formattedMessage").asText())
                .isEqualTo("writeError: request=GET /ws/signal?node_id=n&token=[redacted] HTTP/1.1");
        assertThat(json.get("throwable").toString()).contains("?TICKET=[redacted]");
    }

    @Test
    void onlyTokenAndTicketValuesAreRedacted() {
        assertThat(RedactingEncoder.redact("GET /x?a=1&tokens=keep&token=drop&notoken=keep&ticket=drop#fragment too"))
                .isEqualTo("GET /x?a=1&tokens=keep&token=[redacted]&notoken=keep&ticket=[redacted] too");
    }

    private static String textLogOf(String logger, String message, Throwable thrown) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogRedactionTest.class.getResource("/logback.xml"));
            context.getLogger(logger).warn(message, thrown);
            assertThat(context.getStatusManager().getCopyOfStatusList())
                    .as("the configuration loads without errors").noneMatch(status -> status.getLevel() >= 2);
        } finally {
            context.stop();
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
