package network.dpc.hub.adapter.http.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7", "fd00::/8"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // peer            | X-Forwarded-For                  | client
        "203.0.113.9       | 198.51.100.1                     | 203.0.113.9",
        "10.1.2.3          | 198.51.100.1                     | 198.51.100.1",
        "10.1.2.3          | 6.6.6.6, 198.51.100.1            | 198.51.100.1",
        "10.1.2.3          | 198.51.100.1, 10.9.9.9           | 198.51.100.1",
        "192.168.1.7       | 198.51.100.1                     | 198.51.100.1",
        "192.168.1.8       | 198.51.100.1                     | 192.168.1.8",
        "10.1.2.3          | not-an-ip                        | 10.1.2.3",
        "10.1.2.3          | 10.4.4.4                         | 10.1.2.3",
        "fd00::1           | 2001:db8::5                      | 2001:db8::5",
    })
    void believesForwardedForOnlyFromTrustedProxies(String peer, String forwarded, String client) {
        assertThat(addresses.clientOf(peer, forwarded)).isEqualTo(client);
    }

    @Test
    void noHeaderMeansThePeer() {
        assertThat(addresses.clientOf("10.1.2.3", null)).isEqualTo("10.1.2.3");
        assertThat(new ClientAddresses(List.of()).clientOf("10.1.2.3", "1.2.3.4")).isEqualTo("10.1.2.3");
    }

    @Test
    void refusesBadRanges() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"))).isInstanceOf(
                IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.local"))).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void rulesNameTheirLimitAsTheContractWordsIt() {
        assertThat(RateLimitPolicy.ruleFor("GET", "/login/google")).hasValueSatisfying(
                r -> assertThat(r.exceededSentence()).isEqualTo("Rate limit exceeded: 5 per 1 minute"));
        assertThat(RateLimitPolicy.ruleFor("PUT", "/profile").orElseThrow().requests()).isEqualTo(20);
        assertThat(RateLimitPolicy.ruleFor("GET", "/profile").orElseThrow().requests()).isEqualTo(60);
        assertThat(RateLimitPolicy.ruleFor("POST", "/register-node-id").orElseThrow().requests()).isEqualTo(10);
        assertThat(RateLimitPolicy.ruleFor("GET", "/discovery/search").orElseThrow().requests()).isEqualTo(30);
        assertThat(RateLimitPolicy.ruleFor("POST", "/logout").orElseThrow().requests()).isEqualTo(5);
        assertThat(RateLimitPolicy.ruleFor("POST", "/token").orElseThrow().requests()).isEqualTo(10);
        assertThat(RateLimitPolicy.ruleFor("POST", "/refresh").orElseThrow().requests()).isEqualTo(10);
        assertThat(RateLimitPolicy.ruleFor("GET", "/health")).isEmpty();
        assertThat(RateLimitPolicy.ruleFor("OPTIONS", "/users/me")).isEmpty();
    }
}
