package network.dpc.hub.adapter.persistence;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code node_identities}. */
@RegisterConstructorMapper(NodeIdentityRow.class)
interface NodeIdentityDao {

    String COLUMNS = "node_id, user_id, registered_at, proof_of_possession";

    @SqlQuery("SELECT " + COLUMNS + " FROM node_identities WHERE node_id = :nodeId")
    Optional<NodeIdentityRow> findById(@Bind("nodeId") String nodeId);

    @SqlQuery("SELECT " + COLUMNS + " FROM node_identities WHERE user_id = :userId "
            + "ORDER BY registered_at DESC, node_id")
    List<NodeIdentityRow> findByOwner(@Bind("userId") UUID userId);

    @SqlUpdate("INSERT INTO node_identities (" + COLUMNS + ") "
            + "VALUES (:nodeId, :userId, :registeredAt, :proofOfPossession)")
    void insert(@BindMethods NodeIdentityRow row);

    @SqlUpdate("""
            UPDATE node_identities
               SET registered_at = :registeredAt, proof_of_possession = :proofOfPossession
             WHERE node_id = :nodeId AND user_id = :userId
            """)
    int refresh(@BindMethods NodeIdentityRow row);

    @SqlUpdate("""
            UPDATE node_identities
               SET user_id = :userId, registered_at = :registeredAt, proof_of_possession = :proofOfPossession
             WHERE node_id = :nodeId AND user_id = :previousOwner AND NOT proof_of_possession
            """)
    int takeOver(@BindMethods NodeIdentityRow row, @Bind("previousOwner") UUID previousOwner);

    @SqlUpdate("DELETE FROM node_identities WHERE user_id = :userId AND node_id = ANY(:nodeIds)")
    int deleteOwned(@Bind("userId") UUID userId, @Bind("nodeIds") String[] nodeIds);

    @SqlUpdate("DELETE FROM node_identities WHERE user_id = :userId AND node_id = :nodeId")
    int delete(@Bind("userId") UUID userId, @Bind("nodeId") String nodeId);
}
