package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code token_revocations}. */
interface RevocationDao {

    @SqlUpdate("""
            INSERT INTO token_revocations (jti, expires_at) VALUES (:jti, :expiresAt)
            ON CONFLICT (jti) DO UPDATE SET expires_at = GREATEST(token_revocations.expires_at, EXCLUDED.expires_at)
            """)
    void revoke(@Bind("jti") String jti, @Bind("expiresAt") Instant expiresAt);

    @SqlQuery("SELECT expires_at FROM token_revocations WHERE jti = :jti")
    Optional<Instant> expiryOf(@Bind("jti") String jti);

    @SqlUpdate("DELETE FROM token_revocations WHERE expires_at <= :now")
    int purgeExpired(@Bind("now") Instant now);

    @SqlQuery("SELECT count(*) FROM token_revocations WHERE expires_at > :now")
    long countLive(@Bind("now") Instant now);
}
