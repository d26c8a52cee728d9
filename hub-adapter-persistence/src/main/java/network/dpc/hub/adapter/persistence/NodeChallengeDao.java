package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code node_challenges}. */
@RegisterConstructorMapper(NodeChallengeRow.class)
interface NodeChallengeDao {

    @SqlUpdate("INSERT INTO node_challenges (challenge, user_id, expires_at) VALUES (:challenge, :userId, :expiresAt)")
    void insert(@BindMethods NodeChallengeRow row);

    /** Deletes and returns in one statement, so that of concurrent takers only one gets the row. */
    @SqlQuery("DELETE FROM node_challenges WHERE challenge = :challenge RETURNING challenge, user_id, expires_at")
    Optional<NodeChallengeRow> take(@Bind("challenge") String challenge);

    @SqlUpdate("DELETE FROM node_challenges WHERE expires_at <= :now")
    int deleteExpired(@Bind("now") Instant now);
}
