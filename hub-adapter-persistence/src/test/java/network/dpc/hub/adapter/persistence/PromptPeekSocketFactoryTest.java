package network.dpc.hub.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PromptPeekSocketFactoryTest {

    @RegisterExtension
    static final MigratedDatabase database = new MigratedDatabase();

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aPeekWithNothingPendingTimesOutAndLosesNothingThatArrivesLater() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new PromptPeekSocketFactory().createSocket(InetAddress.getLoopbackAddress(),
                     server.getLocalPort());
             Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            client.setSoTimeout(PromptPeekSocketFactory.PEEK_TIMEOUT_MILLIS);
            assertThatThrownBy(in::read).as("answered from the kernel's buffer, not by waiting out the timeout")
                    .isInstanceOf(SocketTimeoutException.class).hasMessage("nothing has arrived yet")
                    .satisfies(peek -> assertThat(peek.getStackTrace()).as("caught by pgjdbc at once: no trace")
                            .isEmpty());

            peer.getOutputStream().write("abc".getBytes(StandardCharsets.US_ASCII));
            peer.getOutputStream().flush();
            Await.until("the three bytes arrived", WAIT, () -> available(in) == 3);
            byte[] buffer = new byte[8];
            assertThat(in.read(buffer, 0, buffer.length)).isEqualTo(3);
            assertThat(new String(buffer, 0, 3, StandardCharsets.US_ASCII)).isEqualTo("abc");
        }
    }

    private static int available(InputStream in) {
        try {
            return in.available();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void readsWithAnyOtherTimeoutWaitForTheBytes() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket client = new PromptPeekSocketFactory().createSocket("127.0.0.1", server.getLocalPort());
             Socket peer = server.accept()) {
            client.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = peer.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(50);
                    out.write('x');
                    out.flush();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThat(client.getInputStream().read()).isEqualTo('x');
            writer.join();
        }
    }

    @Test
    void dedicatedConnectionsUseThePromptSocketsUnlessTheUrlNamesAFactory() {
        assertThat(PostgresDatabase.dedicatedConnectionProperties("jdbc:postgresql://db/hub", "hub", null, "bus")
                .getProperty("socketFactory")).isEqualTo(PromptPeekSocketFactory.class.getName());
        assertThat(PostgresDatabase.dedicatedConnectionProperties(
                "jdbc:postgresql://db/hub?socketFactory=com.example.Tunnel", "hub", null, "bus")
                .getProperty("socketFactory")).as("the URL's own factory is kept").isNull();
    }

    @Test
    void aDedicatedConnectionReceivesEveryNotificationInOrder() throws Exception {
        int count = 500;
        List<String> received;
        try (Connection listening = database.database().openDedicatedConnection("prompt-peek-test");
             Connection sending = database.database().dataSource().getConnection()) {
            try (Statement s = listening.createStatement()) {
                s.execute("LISTEN prompt_peek_test");
            }
            try (Statement s = sending.createStatement()) {
                for (int i = 0; i < count; i++) {
                    s.execute("NOTIFY prompt_peek_test, '" + i + "'");
                }
            }
            received = ReceivedNotifications.awaitPayloads(listening, count, WAIT);
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add(Integer.toString(i));
        }
        assertThat(received).containsExactlyElementsOf(expected);
    }
}
