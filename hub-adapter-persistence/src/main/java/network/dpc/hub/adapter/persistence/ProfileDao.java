package network.dpc.hub.adapter.persistence;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** SQL for {@code profiles} and the write side of {@code profile_topics} (searches are in {@link ProfileSearchSql}). */
@RegisterConstructorMapper(ProfileRow.class)
interface ProfileDao {

    String COLUMNS = "user_id, name, description, expertise::text AS expertise, compute::text AS compute, "
            + "p2p_uri_hint, updated_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM profiles WHERE user_id = :userId")
    Optional<ProfileRow> findByOwner(@Bind("userId") UUID userId);

    /** Takes the owner's transaction-scoped lock that node changes take too (see V4__profiles.sql). */
    @SqlQuery("SELECT 1 FROM (SELECT lock_profile_owner(:userId)) AS locked")
    int lockOwner(@Bind("userId") UUID userId);

    @SqlUpdate("""
            INSERT INTO profiles (user_id, name, description, expertise, compute, p2p_uri_hint, updated_at)
            VALUES (:userId, :name, :description, CAST(:expertise AS jsonb), CAST(:compute AS jsonb), :p2pUriHint,
                    :updatedAt)
            ON CONFLICT (user_id) DO UPDATE
               SET name = EXCLUDED.name, description = EXCLUDED.description, expertise = EXCLUDED.expertise,
                   compute = EXCLUDED.compute, p2p_uri_hint = EXCLUDED.p2p_uri_hint, updated_at = EXCLUDED.updated_at
            """)
    void upsert(@BindMethods ProfileRow row);

    @SqlUpdate("DELETE FROM profile_topics WHERE user_id = :userId AND NOT (topic = ANY(:topics))")
    int deleteTopicsOtherThan(@Bind("userId") UUID userId, @Bind("topics") String[] topics);

    /**
     * Rewrites the owner's kept topics (level, update time, primary node as it is now). Kept and new topics are
     * written by two plain statements, never one INSERT … ON CONFLICT DO UPDATE, which the prefix counts' statement
     * triggers could not tell apart (see V6__profile_prefix_search.sql).
     */
    @SqlUpdate("""
            UPDATE profile_topics AS pt SET level = t.level, updated_at = :updatedAt,
                   node_id = (SELECT n.node_id FROM node_identities n WHERE n.user_id = :userId
                               ORDER BY n.registered_at DESC, n.node_id COLLATE "C" LIMIT 1)
              FROM unnest(CAST(:topics AS text[]), CAST(:levels AS smallint[])) AS t (topic, level)
             WHERE pt.user_id = :userId AND pt.topic = t.topic
            """)
    int updateTopics(@Bind("userId") UUID userId, @Bind("topics") String[] topics, @Bind("levels") int[] levels,
            @Bind("updatedAt") Instant updatedAt);

    /** Adds the owner's new topics in topic order, each with the owner's primary node as it is now. */
    @SqlUpdate("""
            INSERT INTO profile_topics (user_id, topic, level, updated_at, node_id)
            SELECT :userId, t.topic, t.level, :updatedAt,
                   (SELECT n.node_id FROM node_identities n WHERE n.user_id = :userId
                     ORDER BY n.registered_at DESC, n.node_id COLLATE "C" LIMIT 1)
              FROM unnest(CAST(:topics AS text[]), CAST(:levels AS smallint[])) AS t (topic, level)
             WHERE NOT EXISTS (SELECT 1 FROM profile_topics e WHERE e.user_id = :userId AND e.topic = t.topic)
             ORDER BY t.topic COLLATE "C"
            """)
    int insertTopics(@Bind("userId") UUID userId, @Bind("topics") String[] topics, @Bind("levels") int[] levels,
            @Bind("updatedAt") Instant updatedAt);

    @SqlUpdate("DELETE FROM profiles WHERE user_id = :userId")
    int delete(@Bind("userId") UUID userId);
}
