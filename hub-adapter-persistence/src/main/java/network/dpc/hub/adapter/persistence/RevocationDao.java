package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code token_revocations} and {@code token_cutoffs}. */
interface RevocationDao {

    @SqlUpdate("""
            INSERT INTO token_revocations (jti, expires_at) VALUES (:jti, :expiresAt)
            ON CONFLICT (jti) DO UPDATE SET expires_at = GREATEST(token_revocations.expires_at, EXCLUDED.expires_at),
                                            recorded_at = clock_timestamp()
            """)
    void revoke(@Bind("jti") String jti, @Bind("expiresAt") Instant expiresAt);

    @SqlUpdate("""
            INSERT INTO token_cutoffs AS c (user_id, issued_before, forget_after)
            VALUES (:user, :issuedBefore, :forgetAfter)
            ON CONFLICT (user_id) DO UPDATE SET issued_before = GREATEST(c.issued_before, EXCLUDED.issued_before),
                                                forget_after = GREATEST(c.forget_after, EXCLUDED.forget_after),
                                                recorded_at = clock_timestamp()
            """)
    void cutOff(@Bind("user") UUID user, @Bind("issuedBefore") Instant issuedBefore,
            @Bind("forgetAfter") Instant forgetAfter);

    @SqlQuery("SELECT expires_at FROM token_revocations WHERE jti = :jti")
    Optional<Instant> expiryOf(@Bind("jti") String jti);

    @SqlQuery("""
            SELECT EXISTS (SELECT 1 FROM token_cutoffs WHERE user_id = :user AND issued_before > :issuedAt)
            """)
    boolean isCutOff(@Bind("user") UUID user, @Bind("issuedAt") Instant issuedAt);

    @SqlUpdate("DELETE FROM token_revocations WHERE expires_at <= :now")
    int purgeExpired(@Bind("now") Instant now);

    @SqlUpdate("DELETE FROM token_cutoffs WHERE forget_after <= :now")
    int purgeCutOffs(@Bind("now") Instant now);

    @SqlQuery("SELECT count(*) FROM token_revocations WHERE expires_at > :now")
    long countLive(@Bind("now") Instant now);
}
