package network.dpc.hub.application.fake;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import network.dpc.hub.application.port.out.HubCodeStore;
import network.dpc.hub.domain.login.HubCode;

/** Keeps one-time hub codes in a map, for fast use-case tests; passes the same contract as the PostgreSQL adapter. */
public final class InMemoryHubCodeStore implements HubCodeStore {

    private final Map<String, HubCode> codes = new ConcurrentHashMap<>();

    @Override
    public void save(HubCode code) {
        if (codes.putIfAbsent(code.code(), code) != null) {
            throw new IllegalStateException("this hub code is already in use");
        }
    }

    @Override
    public Optional<HubCode> take(String code) {
        return Optional.ofNullable(codes.remove(Objects.requireNonNull(code, "code")));
    }

    @Override
    public int purgeExpired(Instant now) {
        return Expiry.removeExpired(codes, code -> !now.isBefore(code.expiresAt()));
    }
}
