package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code hub_codes}. */
@RegisterConstructorMapper(HubCodeRow.class)
interface HubCodeDao {

    @SqlUpdate("""
            INSERT INTO hub_codes (code_hash, user_id, code_challenge, redirect_uri, expires_at)
            VALUES (:codeHash, :userId, :codeChallenge, :redirectUri, :expiresAt)
            """)
    void insert(@BindMethods HubCodeRow row);

    /** Deletes and returns the row in one statement, so of two concurrent takes only one gets it. */
    @SqlQuery("""
            DELETE FROM hub_codes WHERE code_hash = :codeHash
            RETURNING code_hash, user_id, code_challenge, redirect_uri, expires_at
            """)
    Optional<HubCodeRow> take(@Bind("codeHash") byte[] codeHash);

    @SqlUpdate("DELETE FROM hub_codes WHERE expires_at <= :now")
    int purgeExpired(@Bind("now") Instant now);
}
