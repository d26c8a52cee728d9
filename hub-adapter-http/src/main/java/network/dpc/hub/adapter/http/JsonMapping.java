package network.dpc.hub.adapter.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one Jackson configuration of the wire format: snake_case names, ISO-8601 timestamps, bounded input. */
public final class JsonMapping {

    private JsonMapping() {
    }

    public static ObjectMapper objectMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(64 * 1024)
                .maxNumberLength(100)
                .build());
        // The default pool keeps buffers per thread, and the hub runs on virtual threads that each live for one
        // request or one WebSocket read: every parse would allocate fresh buffers. A shared pool reuses them.
        mapper.getFactory().setRecyclerPool(JsonRecyclerPools.sharedBoundedPool());
        return mapper;
    }
}
