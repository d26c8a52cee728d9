package network.dpc.hub.adapter.persistence;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import javax.net.SocketFactory;

/**
 * Socket factory for the bus's listening connections that makes pgjdbc hand over notifications as they arrive.
 *
 * <p>pgjdbc's {@code getNotifications} keeps collecting while its "is another message pending?" check succeeds, and
 * that check is a read with a 1 ms socket timeout. Under a steady stream (a notification every 0.5 ms at 2,000/s)
 * the check keeps succeeding, so a batch is only returned after the first 1 ms gap: 18 notifications per batch and
 * 7 ms median delay in {@code bench/notify-probe}. Sockets from this factory answer such a 1 ms read at once from
 * what the kernel already holds ({@link InputStream#available()}), so the check means "already here" and each
 * call returns what has arrived. Reads with any other timeout, and every read that finds bytes waiting, behave as
 * on a plain socket. pgjdbc loads the factory by class name (its {@code socketFactory} property).
 */
public final class PromptPeekSocketFactory extends SocketFactory {

    /** The socket timeout pgjdbc sets for its pending-message check. */
    static final int PEEK_TIMEOUT_MILLIS = 1;

    /** Public and argument-free, as pgjdbc instantiates it by name. */
    public PromptPeekSocketFactory() {
        // nothing to set up
    }

    @Override
    public Socket createSocket() {
        return new PromptPeekSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return connected(new InetSocketAddress(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return bound(new InetSocketAddress(host, port), localHost, localPort);
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort) throws IOException {
        return bound(new InetSocketAddress(host, port), localHost, localPort);
    }

    private static Socket connected(InetSocketAddress address) throws IOException {
        Socket socket = new PromptPeekSocket();
        socket.connect(address);
        return socket;
    }

    private static Socket bound(InetSocketAddress address, InetAddress localHost, int localPort) throws IOException {
        Socket socket = new PromptPeekSocket();
        socket.bind(new InetSocketAddress(localHost, localPort));
        socket.connect(address);
        return socket;
    }

    /** A plain TCP socket whose 1 ms reads never wait for bytes still on the way. */
    private static final class PromptPeekSocket extends Socket {

        private volatile int readTimeoutMillis;
        private InputStream input;

        @Override
        public synchronized void setSoTimeout(int timeout) throws SocketException {
            super.setSoTimeout(timeout);
            readTimeoutMillis = timeout;
        }

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (input == null) {
                input = new PromptPeekInput(super.getInputStream());
            }
            return input;
        }

        private final class PromptPeekInput extends FilterInputStream {

            PromptPeekInput(InputStream raw) {
                super(raw);
            }

            @Override
            public int read() throws IOException {
                refuseToWaitForAPeek();
                return super.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                refuseToWaitForAPeek();
                return super.read(buffer, offset, length);
            }

            private void refuseToWaitForAPeek() throws IOException {
                if (readTimeoutMillis == PEEK_TIMEOUT_MILLIS && in.available() == 0) {
                    throw new NothingArrivedYet();
                }
            }
        }
    }

    /**
     * The answer to a peek that finds nothing: thrown once per received batch of notifications and caught by pgjdbc
     * right away, so it carries no stack trace: filling one in per batch would be work for nothing.
     */
    static final class NothingArrivedYet extends SocketTimeoutException {

        private static final long serialVersionUID = 1L;

        NothingArrivedYet() {
            super("nothing has arrived yet");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
