package network.dpc.hub.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hub's own log configuration redacts tokens and tickets from URLs that libraries log. */
class LogRedactionTest {

    @Test
    void aLoggedUrlKeepsItsPathButNotItsTokenOrTicket() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(LogRedactionTest.class.getResource("/logback.xml"));
            context.getLogger("org.eclipse.jetty.server.Response").warn("writeError: status=500, request="
                    + "GET http://127.0.0.1:8000/ws/signal?node_id=dpc-node-1&token=eyJhbGciOi.secret.sig HTTP/1.1 "
                    + "then GET /ws/signal?TICKET=abc123&x=1");
        } finally {
            context.stop();
            System.setErr(original);
        }

        String line = captured.toString(StandardCharsets.UTF_8);
        assertThat(context.getStatusManager().getCopyOfStatusList())
                .as("the configuration loads without errors").noneMatch(status -> status.getLevel() >= 2);
        assertThat(line).contains("/ws/signal?node_id=dpc-node-1&token=[redacted] HTTP/1.1")
                .contains("?TICKET=[redacted]&x=1")
                .doesNotContain("eyJhbGciOi").doesNotContain("abc123");
    }
}
