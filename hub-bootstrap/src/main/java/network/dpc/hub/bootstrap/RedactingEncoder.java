package network.dpc.hub.bootstrap;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Wraps a log encoder and redacts the {@code token} and {@code ticket} query parameters from everything it writes
 * (message and exception alike), for libraries that log a request URL: Jetty does for a failed request. Both log
 * formats go through it: {@code logback.xml} wraps the text pattern in it, {@link LogFormat} the JSON encoder.
 */
public final class RedactingEncoder extends EncoderBase<ILoggingEvent> {

    /** A token or ticket query parameter's value, up to the next parameter, blank or quote (JSON's end of string). */
    static final Pattern SECRET_PARAMETER = Pattern.compile("([?&](?i:token|ticket)=)[^&\\s\"\\\\]*");

    private Encoder<ILoggingEvent> delegate;

    /** For logback's configurator, which then sets the {@link #setDelegate delegate}. */
    public RedactingEncoder() {
        // the delegate comes from the configuration
    }

    RedactingEncoder(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    /** The encoder whose output is redacted ({@code <delegate class="...">} in {@code logback.xml}). */
    public void setDelegate(Encoder<ILoggingEvent> delegate) {
        this.delegate = delegate;
    }

    /** {@code line} with every token and ticket parameter's value replaced by {@code [redacted]}. */
    static String redact(String line) {
        return SECRET_PARAMETER.matcher(line).replaceAll("$1[redacted]");
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] encoded = delegate.encode(event);
        String line = new String(encoded, StandardCharsets.UTF_8);
        String redacted = redact(line);
        return redacted.equals(line) ? encoded : redacted.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }

    @Override
    public void start() {
        if (delegate == null) {
            addError("RedactingEncoder needs a delegate encoder");
            return;
        }
        if (!delegate.isStarted()) {
            delegate.start();
        }
        super.start();
    }

    @Override
    public void stop() {
        delegate.stop();
        super.stop();
    }
}
