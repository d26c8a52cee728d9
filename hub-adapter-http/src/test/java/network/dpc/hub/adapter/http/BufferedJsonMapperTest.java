package network.dpc.hub.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BufferedJsonMapperTest {

    private final ObjectMapper json = new ObjectMapper();
    private final BufferedJsonMapper mapper = new BufferedJsonMapper(json);

    @Test
    void aLargeBodyComesOutWholeAndReadsBackAsTheSameValue() throws Exception {
        List<Map<String, Object>> page = java.util.stream.IntStream.range(0, 500)
                .mapToObj(i -> Map.<String, Object>of("node_id", "dpc-node-" + i, "name", "Ünïcode " + "x".repeat(50)))
                .toList();

        byte[] body;
        try (InputStream stream = mapper.toJsonStream(page, List.class)) {
            body = stream.readAllBytes();
        }

        assertThat(body.length).isGreaterThan(30_000);
        assertThat(json.readValue(body, List.class)).isEqualTo(page);
    }

    @Test
    void aStringIsWrittenAsItIsInUtf8() throws Exception {
        try (InputStream stream = mapper.toJsonStream("{\"ü\":1}", String.class)) {
            assertThat(new String(stream.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("{\"ü\":1}");
        }
    }
}
