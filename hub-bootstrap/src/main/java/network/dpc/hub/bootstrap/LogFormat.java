package network.dpc.hub.bootstrap;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.Context;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code LOG_FORMAT=json}: replaces the console's text lines by one JSON object per line (logback's own
 * {@link JsonEncoder}: timestamp, level, thread, logger, formatted message, MDC, throwable), for log shippers. The
 * messages are the same as in text: the hub logs no token, payload or who signals whom in either format, and a
 * token or ticket in a URL a library logs is redacted in both ({@link RedactingEncoder}).
 */
final class LogFormat {

    static final String JSON_APPENDER = "JSON";

    private LogFormat() {
    }

    /** Switches the root logger to JSON lines on stderr when {@code format} is {@code json}; anything else keeps text. */
    static void apply(String format) {
        if (format == null || !format.strip().toLowerCase(Locale.ROOT).equals("json")) {
            return;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(JSON_APPENDER);
        appender.setTarget("System.err");
        appender.setEncoder(redactedJsonEncoder(context));
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    /** The encoder the JSON format writes with: {@link #jsonEncoder} with tokens and tickets redacted. */
    static RedactingEncoder redactedJsonEncoder(Context context) {
        RedactingEncoder encoder = new RedactingEncoder(jsonEncoder(context));
        encoder.setContext(context);
        encoder.start();
        return encoder;
    }

    /** One compact JSON object per event, with the formatted message rather than its pattern and arguments. */
    static JsonEncoder jsonEncoder(Context context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
