package network.dpc.hub.adapter.http.signaling;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket upgrade written by hand over a plain socket: shows the HTTP answer of a refused upgrade (which the
 * JDK client hides), and makes clients that go silent or vanish without a close frame.
 */
final class RawUpgrade implements AutoCloseable {

    final Socket socket;
    final int status;
    final String headers;
    final String body;

    private RawUpgrade(Socket socket, int status, String headers, String body) {
        this.socket = socket;
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    static RawUpgrade open(int port, String pathAndQuery, Map<String, String> extraHeaders) {
        try {
            Socket socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            byte[] keyBytes = new byte[16];
            ThreadLocalRandom.current().nextBytes(keyBytes);
            StringBuilder request = new StringBuilder()
                    .append("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(keyBytes)).append("\r\n")
                    .append("Sec-WebSocket-Version: 13\r\n");
            extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            int status = Integer.parseInt(head.substring(9, 12));
            String body = "";
            if (status != 101) {
                int length = contentLength(head);
                body = new String(in.readNBytes(Math.max(length, 0)), StandardCharsets.UTF_8);
            }
            return new RawUpgrade(socket, status, head, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until the hub closes the connection (or sends a close frame); returns whether that happened. */
    boolean awaitServerClose() {
        try {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[1024];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    return true;
                }
                for (int i = 0; i + 1 < n; i++) {
                    if ((buffer[i] & 0x0F) == 0x8 && (buffer[i] & 0x80) != 0) {
                        return true; // a FIN close frame from the hub
                    }
                }
            }
        } catch (java.net.SocketTimeoutException timeout) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    /** Writes one client frame (masked, as clients must) with any opcode, FIN bit and payload, valid or not. */
    void sendFrame(int opcode, boolean fin, byte[] payload) {
        if (payload.length > 125) {
            throw new IllegalArgumentException("short frames only");
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write((fin ? 0x80 : 0) | opcode);
        frame.write(0x80 | payload.length);
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i & 3]);
        }
        try {
            socket.getOutputStream().write(frame.toByteArray());
            socket.getOutputStream().flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the hub's frames until its close frame and answers that frame's status code (-1 if none came). */
    int awaitCloseCode() {
        try {
            InputStream in = socket.getInputStream();
            while (true) {
                int first = in.read();
                int second = in.read();
                if (first < 0 || second < 0) {
                    return -1;
                }
                long length = second & 0x7F;
                if (length == 126) {
                    length = ((in.read() & 0xFF) << 8) | (in.read() & 0xFF);
                } else if (length == 127) {
                    length = java.nio.ByteBuffer.wrap(in.readNBytes(8)).getLong();
                }
                byte[] payload = in.readNBytes((int) length);
                if ((first & 0x0F) == 0x8) {
                    return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : -1;
                }
            }
        } catch (IOException reset) {
            return -1;
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                return Integer.parseInt(line.substring(15).trim());
            }
        }
        return -1;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket
        }
    }
}
