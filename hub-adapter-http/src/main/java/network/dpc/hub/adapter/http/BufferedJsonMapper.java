package network.dpc.hub.adapter.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Javalin's Jackson mapper, except that a response body is serialised into one byte array. Javalin's own
 * {@code toJsonStream} writes through a piped stream on a second thread, handing over every kilobyte between the
 * two threads: a 30 KB search page cost about 4 ms that way, the whole request about 1 ms otherwise.
 */
final class BufferedJsonMapper implements JsonMapper {

    private final ObjectMapper mapper;
    private final JavalinJackson delegate;

    BufferedJsonMapper(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.delegate = new JavalinJackson(mapper, false);
    }

    @Override
    public String toJsonString(Object obj, Type type) {
        return delegate.toJsonString(obj, type);
    }

    @Override
    public InputStream toJsonStream(Object obj, Type type) {
        if (obj instanceof String text) {
            return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
        }
        try {
            return new ByteArrayInputStream(mapper.writeValueAsBytes(obj));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a response body", e);
        }
    }

    @Override
    public void writeToOutputStream(Stream<?> stream, OutputStream outputStream) {
        delegate.writeToOutputStream(stream, outputStream);
    }

    @Override
    public <T> T fromJsonString(String json, Type targetType) {
        return delegate.fromJsonString(json, targetType);
    }

    @Override
    public <T> T fromJsonStream(InputStream json, Type targetType) {
        return delegate.fromJsonStream(json, targetType);
    }
}
