package network.dpc.hub.application.fake;

import java.util.Map;
import java.util.function.Predicate;

/** Removes expired entries from the fakes' concurrent maps, counting only the removals this call made. */
final class Expiry {

    private Expiry() {
    }

    static <K, V> int removeExpired(Map<K, V> entries, Predicate<V> expired) {
        int removed = 0;
        for (Map.Entry<K, V> entry : entries.entrySet()) {
            if (expired.test(entry.getValue()) && entries.remove(entry.getKey(), entry.getValue())) {
                removed++;
            }
        }
        return removed;
    }
}
