package network.dpc.hub.adapter.persistence;

import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code users}. */
@RegisterConstructorMapper(UserRow.class)
interface UserDao {

    String COLUMNS = "id, email, provider, created_at, tokens_revoked_before";

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE id = :id")
    Optional<UserRow> findById(@Bind("id") UUID id);

    @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE email = :email")
    Optional<UserRow> findByEmail(@Bind("email") String email);

    @SqlUpdate("""
            INSERT INTO users (id, email, provider, created_at, tokens_revoked_before)
            VALUES (:id, :email, :provider, :createdAt, :tokensRevokedBefore)
            ON CONFLICT (id) DO UPDATE
               SET provider = EXCLUDED.provider,
                   tokens_revoked_before = EXCLUDED.tokens_revoked_before,
                   updated_at = now()
            """)
    void upsert(@BindMethods UserRow row);

    @SqlUpdate("DELETE FROM users WHERE id = :id")
    int delete(@Bind("id") UUID id);
}
