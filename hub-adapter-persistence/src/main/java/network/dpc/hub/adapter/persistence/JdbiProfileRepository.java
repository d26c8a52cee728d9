package network.dpc.hub.adapter.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import network.dpc.hub.application.port.out.ProfileRepository;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.ComputeSpec;
import network.dpc.hub.domain.profile.Expertise;
import network.dpc.hub.domain.profile.Profile;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.profile.ProfileMatch;
import network.dpc.hub.domain.profile.ProfilePage;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.Topic;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;
import network.dpc.hub.domain.user.UserId;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Stores profiles in PostgreSQL: {@code profiles} as written, and one {@code profile_topics} row per canonical
 * topic that searches read through the {@code profile_topics_search} index (see {@code V4__profiles.sql}). A save
 * is one transaction; the topic and prefix counts it changes are applied at its commit (V6), and a save that
 * still loses a deadlock is retried.
 */
public final class JdbiProfileRepository implements ProfileRepository {

    private static final String FOREIGN_KEY_VIOLATION = "23503";
    private static final String DEADLOCK_DETECTED = "40P01";
    private static final int SAVE_ATTEMPTS = 3;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Integer>> EXPERTISE = new TypeReference<>() {
    };

    private final Jdbi jdbi;

    public JdbiProfileRepository(Jdbi jdbi) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
    }

    @Override
    public void save(Profile profile) {
        ProfileRow row = toRow(profile);
        // in byte order (canonical topics are [a-z0-9_]): rows, and so count rows, are locked in one order
        Map<String, Integer> canonical = new TreeMap<>(profile.content().expertise().byCanonicalTopic());
        String[] topics = canonical.keySet().toArray(String[]::new);
        int[] levels = canonical.values().stream().mapToInt(Integer::intValue).toArray();
        for (int attempt = 1; ; attempt++) {
            try {
                jdbi.useTransaction(handle -> {
                    ProfileDao dao = handle.attach(ProfileDao.class);
                    dao.lockOwner(row.userId());
                    dao.upsert(row);
                    dao.deleteTopicsOtherThan(row.userId(), topics);
                    dao.updateTopics(row.userId(), topics, levels, row.updatedAt());
                    dao.insertTopics(row.userId(), topics, levels, row.updatedAt());
                });
                return;
            } catch (UnableToExecuteStatementException e) {
                if (hasState(e, FOREIGN_KEY_VIOLATION)) {
                    throw new DomainException(ErrorKind.NOT_FOUND, "user_not_found", "The account no longer exists");
                }
                if (!hasState(e, DEADLOCK_DETECTED) || attempt == SAVE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public Optional<Profile> findByOwner(UserId owner) {
        return jdbi.withExtension(ProfileDao.class, dao -> dao.findByOwner(owner.value()))
                .map(JdbiProfileRepository::toProfile);
    }

    @Override
    public boolean delete(UserId owner) {
        return jdbi.withExtension(ProfileDao.class, dao -> dao.delete(owner.value())) > 0;
    }

    @Override
    public ProfilePage search(ProfileSearch search, Set<NodeId> online) {
        if (search.matchesNothing() || (search.onlineOnly() && online.isEmpty())) {
            return ProfilePage.empty(search);
        }
        List<String> onlineIds = online.stream().map(NodeId::value).sorted().toList();
        List<Object> values = new ArrayList<>();
        String batch = ProfileSearchSql.PLANNER_SETTINGS + ";\n"
                + ProfileSearchSql.page(search, onlineIds).positional(values) + ";\n"
                + ProfileSearchSql.total(search, onlineIds).positional(values);
        return jdbi.withHandle(handle -> {
            try {
                return runBatch(handle.getConnection(), batch, values, search);
            } catch (SQLException e) {
                throw new IllegalStateException("profile search failed (SQL state " + e.getSQLState() + ")", e);
            }
        });
    }

    /**
     * Sends the planner settings, the page and the total in one round trip: statements sent together before one
     * Sync run in one implicit transaction, so the transaction-local settings hold for the two queries after them.
     */
    private static ProfilePage runBatch(Connection connection, String batch, List<Object> values,
            ProfileSearch search) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(batch)) {
            for (int i = 0; i < values.size(); i++) {
                Object value = values.get(i);
                if (value instanceof String[] array) {
                    statement.setArray(i + 1, connection.createArrayOf("text", array));
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            statement.execute();
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("the search returned no page");
            }
            List<ProfileMatch> results = new ArrayList<>();
            try (ResultSet rs = statement.getResultSet()) {
                while (rs.next()) {
                    results.add(toMatch(rs));
                }
            }
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("the search returned no total");
            }
            try (ResultSet rs = statement.getResultSet()) {
                rs.next();
                return new ProfilePage(results, rs.getLong(1), search.limit(), search.offset());
            }
        }
    }

    static Query query(Handle handle, ProfileSearchSql statement) {
        Query query = handle.createQuery(statement.sql());
        statement.binds().forEach(query::bind);
        return query;
    }

    private static ProfileMatch toMatch(ResultSet rs) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        ProfileRow row = new ProfileRow(rs.getObject("user_id", UUID.class), rs.getString("name"),
                rs.getString("description"), rs.getString("expertise"), rs.getString("compute"),
                rs.getString("p2p_uri_hint"), updated.toInstant());
        return new ProfileMatch(new NodeId(rs.getString("node_id")), toProfile(row), rs.getInt("level"),
                rs.getBoolean("online"), true);
    }

    private static ProfileRow toRow(Profile profile) {
        ProfileContent content = profile.content();
        Map<String, Integer> written = new LinkedHashMap<>();
        content.expertise().levels().forEach((topic, level) -> written.put(topic.written(), level));
        try {
            return new ProfileRow(profile.owner().value(), content.name(), content.description().orElse(null),
                    JSON.writeValueAsString(written), content.compute().map(ComputeSpec::json).orElse(null),
                    content.p2pUriHint().orElse(null), profile.updatedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the expertise", e);
        }
    }

    private static Profile toProfile(ProfileRow row) {
        Map<Topic, Integer> levels = new LinkedHashMap<>();
        try {
            JSON.readValue(row.expertise(), EXPERTISE).forEach((topic, level) -> levels.put(new Topic(topic), level));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored expertise of " + row.userId() + " is not JSON", e);
        }
        ProfileContent content = new ProfileContent(row.name(), Optional.ofNullable(row.description()),
                new Expertise(levels), Optional.ofNullable(row.compute()).map(ComputeSpec::new),
                Optional.ofNullable(row.p2pUriHint()));
        return new Profile(new UserId(row.userId()), content, row.updatedAt());
    }

    private static boolean hasState(Throwable failure, String state) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && state.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
