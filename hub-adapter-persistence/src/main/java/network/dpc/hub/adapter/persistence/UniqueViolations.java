package network.dpc.hub.adapter.persistence;

import java.sql.SQLException;
import java.util.Optional;

/** Recognises PostgreSQL unique-key violations so repositories can turn them into domain conflicts. */
final class UniqueViolations {

    private static final String UNIQUE_VIOLATION = "23505";

    private UniqueViolations() {
    }

    /** The name of the violated constraint when {@code failure} was caused by a unique-key violation. */
    static Optional<String> constraintOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                String message = String.valueOf(sql.getMessage());
                int start = message.indexOf('"');
                int end = start < 0 ? -1 : message.indexOf('"', start + 1);
                return Optional.of(end > start ? message.substring(start + 1, end) : "");
            }
        }
        return Optional.empty();
    }
}
