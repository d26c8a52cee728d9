package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code login_attempts}. */
@RegisterConstructorMapper(LoginAttemptRow.class)
interface LoginAttemptDao {

    @SqlUpdate("""
            INSERT INTO login_attempts
                   (state_hash, provider, nonce, code_verifier, client_redirect, client_code_challenge, expires_at)
            VALUES (:stateHash, :provider, :nonce, :codeVerifier, :clientRedirect, :clientCodeChallenge, :expiresAt)
            """)
    void insert(@BindMethods LoginAttemptRow row);

    /** Deletes and returns the row in one statement, so of two concurrent takes only one gets it. */
    @SqlQuery("""
            DELETE FROM login_attempts WHERE state_hash = :stateHash
            RETURNING state_hash, provider, nonce, code_verifier, client_redirect, client_code_challenge, expires_at
            """)
    Optional<LoginAttemptRow> take(@Bind("stateHash") byte[] stateHash);

    @SqlUpdate("DELETE FROM login_attempts WHERE expires_at <= :now")
    int purgeExpired(@Bind("now") Instant now);
}
