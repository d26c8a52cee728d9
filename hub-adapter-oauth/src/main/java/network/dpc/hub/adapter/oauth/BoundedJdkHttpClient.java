package network.dpc.hub.adapter.oauth;

import com.github.scribejava.core.httpclient.jdk.JDKHttpClient;
import com.github.scribejava.core.httpclient.jdk.JDKHttpClientConfig;
import com.github.scribejava.core.httpclient.multipart.MultipartPayload;
import com.github.scribejava.core.model.Response;
import com.github.scribejava.core.model.Verb;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.zip.GZIPInputStream;

/**
 * ScribeJava's JDK HTTP client with connect and read timeouts, no redirects, and response bodies read eagerly up to
 * a size limit: a provider answering with more is treated as a failure instead of filling the heap.
 */
final class BoundedJdkHttpClient extends JDKHttpClient {

    private final int maxResponseBytes;

    BoundedJdkHttpClient(ProviderHttpSettings settings) {
        super(JDKHttpClientConfig.defaultConfig()
                .withConnectTimeout(settings.connectTimeoutMillis())
                .withReadTimeout(settings.readTimeoutMillis())
                .withFollowRedirects(false));
        this.maxResponseBytes = settings.maxResponseBytes();
    }

    @Override
    public Response execute(String userAgent, Map<String, String> headers, Verb httpVerb, String completeUrl,
            byte[] bodyContents) throws InterruptedException, ExecutionException, IOException {
        return bounded(super.execute(userAgent, headers, httpVerb, completeUrl, bodyContents));
    }

    @Override
    public Response execute(String userAgent, Map<String, String> headers, Verb httpVerb, String completeUrl,
            MultipartPayload bodyContents) throws InterruptedException, ExecutionException, IOException {
        return bounded(super.execute(userAgent, headers, httpVerb, completeUrl, bodyContents));
    }

    @Override
    public Response execute(String userAgent, Map<String, String> headers, Verb httpVerb, String completeUrl,
            String bodyContents) throws InterruptedException, ExecutionException, IOException {
        return bounded(super.execute(userAgent, headers, httpVerb, completeUrl, bodyContents));
    }

    private Response bounded(Response response) throws IOException {
        try (response; InputStream raw = response.getStream()) {
            String body = raw == null ? "" : readAtMost(decoded(response, raw));
            return new Response(response.getCode(), response.getMessage(), response.getHeaders(), body);
        }
    }

    private static InputStream decoded(Response response, InputStream raw) throws IOException {
        return "gzip".equalsIgnoreCase(response.getHeader("Content-Encoding")) ? new GZIPInputStream(raw) : raw;
    }

    private String readAtMost(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int read;
        while ((read = in.read(buffer)) != -1) {
            if (out.size() + read > maxResponseBytes) {
                throw new IOException("response body larger than " + maxResponseBytes + " bytes");
            }
            out.write(buffer, 0, read);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
