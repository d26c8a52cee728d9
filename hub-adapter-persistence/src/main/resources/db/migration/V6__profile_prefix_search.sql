-- Prefix searches (contract §4) that cost the page, not the number of profiles (ADR 0004).
--
-- prefix_counts holds, for every prefix of 1 to 16 characters of a visible topic, how many users have it at their
-- best level among their visible topics starting with it: the total of a prefix search is a sum of at most five
-- rows. Statement-level triggers work out from the rows a statement changed (transition tables) what changes in
-- prefix_counts and in topic_counts, whichever way profile_topics changes: saves, node registrations, evictions and
-- take-overs (refresh_profile_node), cascades from a deleted account; the transaction applies the sum at commit. profile_topics_order lists all visible topic rows in result order, so that the page of
-- a prefix spanning many topics is read from its head with the prefix as a filter.
--
-- Statements that both insert and update profile_topics (INSERT … ON CONFLICT DO UPDATE) fire the insert and the
-- update trigger after the whole statement, each seeing the other's rows already changed, and would be counted
-- wrong: write profile_topics with plain INSERT, UPDATE and DELETE only (as JdbiProfileRepository does).

CREATE TABLE prefix_counts (
    prefix text     COLLATE "C" NOT NULL,
    level  smallint NOT NULL,
    users  integer  NOT NULL,
    PRIMARY KEY (prefix, level),
    -- no CHECK (users >= 0): see apply_search_count_changes
    CONSTRAINT prefix_counts_prefix_length CHECK (char_length(prefix) BETWEEN 1 AND 16)
);

-- The counted prefixes of a topic: its first 1 to 16 characters (longer searches count the rows instead; a range
-- that narrow holds few of them).
CREATE FUNCTION topic_prefixes(topic text) RETURNS SETOF text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT left(topic, n) FROM generate_series(1, least(char_length(topic), 16)) AS n;
$$;

-- What one statement changed in the counts, kept until its transaction commits: then the changes of all its
-- statements are summed and applied at once, in key order (see apply_search_count_changes), so that concurrent
-- transactions lock count rows in one order and never deadlock on them, however many statements each ran.
CREATE UNLOGGED TABLE search_count_changes (
    xact           xid8       NOT NULL DEFAULT pg_current_xact_id(),
    topics         text[]     NOT NULL,
    topic_levels   smallint[] NOT NULL,
    topic_changes  integer[]  NOT NULL,
    prefixes       text[]     NOT NULL,
    prefix_levels  smallint[] NOT NULL,
    prefix_changes integer[]  NOT NULL
);

-- Each commit deletes its own rows; between vacuums the dead ones of earlier commits need not be scanned.
CREATE INDEX search_count_changes_xact ON search_count_changes (xact);

-- Stages one statement's change to topic_counts and prefix_counts. The statement's owners' visible rows as they
-- are now are the after; the before is the same without the rows the statement wrote (new_user/new_topic) and
-- with the rows as they were (old_*). A visible row counts once for its (topic, level); an owner counts once per
-- prefix, at their best level among their visible topics with that prefix.
CREATE FUNCTION stage_search_counts(old_user uuid[], old_topic text[], old_level smallint[], old_visible boolean[],
        new_user uuid[], new_topic text[]) RETURNS void LANGUAGE sql AS $$
    WITH old_rows AS (
        SELECT * FROM unnest(old_user, old_topic, old_level, old_visible) AS o (user_id, topic, level, visible)
    ), new_keys AS (
        SELECT * FROM unnest(new_user, new_topic) AS k (user_id, topic)
    ), owners AS (
        SELECT user_id FROM old_rows UNION SELECT user_id FROM new_keys
    ), rows_after AS MATERIALIZED (
        SELECT pt.user_id, pt.topic, pt.level FROM owners o JOIN profile_topics pt ON pt.user_id = o.user_id
         WHERE pt.node_id IS NOT NULL
    ), rows_before AS MATERIALIZED (
        SELECT a.user_id, a.topic, a.level FROM rows_after a
         WHERE NOT EXISTS (SELECT 1 FROM new_keys k WHERE k.user_id = a.user_id AND k.topic = a.topic)
        UNION ALL
        SELECT o.user_id, o.topic, o.level FROM old_rows o WHERE o.visible
    ), topic_changes AS (
        SELECT t.topic, t.level, sum(t.change)::integer AS change FROM (
            SELECT a.topic, a.level, 1 AS change FROM rows_after a
            UNION ALL
            SELECT b.topic, b.level, -1 AS change FROM rows_before b
        ) t GROUP BY t.topic, t.level HAVING sum(t.change) <> 0
    ), prefix_changes AS (
        SELECT p.prefix, p.level, sum(p.change)::integer AS change FROM (
            SELECT a.user_id, x.prefix, max(a.level) AS level, 1 AS change
              FROM rows_after a CROSS JOIN LATERAL topic_prefixes(a.topic) AS x (prefix) GROUP BY 1, 2
            UNION ALL
            SELECT b.user_id, x.prefix, max(b.level) AS level, -1 AS change
              FROM rows_before b CROSS JOIN LATERAL topic_prefixes(b.topic) AS x (prefix) GROUP BY 1, 2
        ) p GROUP BY p.prefix, p.level HAVING sum(p.change) <> 0
    ), staged AS (
        SELECT (SELECT array_agg(topic) FROM topic_changes) AS topics,
               (SELECT array_agg(level) FROM topic_changes) AS topic_levels,
               (SELECT array_agg(change) FROM topic_changes) AS topic_changes,
               (SELECT array_agg(prefix) FROM prefix_changes) AS prefixes,
               (SELECT array_agg(level) FROM prefix_changes) AS prefix_levels,
               (SELECT array_agg(change) FROM prefix_changes) AS prefix_changes
    )
    INSERT INTO search_count_changes (topics, topic_levels, topic_changes, prefixes, prefix_levels, prefix_changes)
    SELECT coalesce(topics, '{}'), coalesce(topic_levels, '{}'), coalesce(topic_changes, '{}'),
           coalesce(prefixes, '{}'), coalesce(prefix_levels, '{}'), coalesce(prefix_changes, '{}')
      FROM staged WHERE topics IS NOT NULL OR prefixes IS NOT NULL;
$$;

-- One function for the three statement triggers (transition tables allow one event per trigger): it hands the
-- statement's old rows and new keys to stage_search_counts.
CREATE FUNCTION profile_topics_stage_counts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    old_user uuid[];
    old_topic text[];
    old_level smallint[];
    old_visible boolean[];
    new_user uuid[];
    new_topic text[];
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT array_agg(o.user_id), array_agg(o.topic), array_agg(o.level), array_agg(o.node_id IS NOT NULL)
          INTO old_user, old_topic, old_level, old_visible FROM old_rows o;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        SELECT array_agg(n.user_id), array_agg(n.topic) INTO new_user, new_topic FROM new_rows n;
    END IF;
    IF old_user IS NOT NULL OR new_user IS NOT NULL THEN
        PERFORM stage_search_counts(coalesce(old_user, '{}'), coalesce(old_topic, '{}'),
            coalesce(old_level, '{}'), coalesce(old_visible, '{}'), coalesce(new_user, '{}'),
            coalesce(new_topic, '{}'));
    END IF;
    RETURN NULL;
END
$$;

-- The per-row count trigger of V4 locked topic_counts rows in row order, statement by statement; the staged
-- changes replace it.
DROP TRIGGER profile_topics_count ON profile_topics;
DROP FUNCTION profile_topics_count();
ALTER TABLE topic_counts DROP CONSTRAINT topic_counts_not_negative;

CREATE TRIGGER profile_topics_stage_counts_insert AFTER INSERT ON profile_topics
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_topics_stage_counts();
CREATE TRIGGER profile_topics_stage_counts_update AFTER UPDATE ON profile_topics
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_topics_stage_counts();
CREATE TRIGGER profile_topics_stage_counts_delete AFTER DELETE ON profile_topics
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION profile_topics_stage_counts();

-- At commit (the first deferred firing in a transaction does the work, later ones find nothing): the sum of the
-- transaction's staged changes, applied to topic_counts and then prefix_counts, each in key order. The upserts
-- carry negative changes in their proposed rows, which is why the count tables cannot CHECK them.
CREATE FUNCTION apply_search_count_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    topics text[];
    topic_levels smallint[];
    topic_changes integer[];
    prefixes text[];
    prefix_levels smallint[];
    prefix_changes integer[];
BEGIN
    WITH staged AS MATERIALIZED (
        DELETE FROM search_count_changes WHERE xact = pg_current_xact_id() RETURNING *
    ), t AS (
        SELECT x.topic, x.level, sum(x.change) AS change
          FROM staged s CROSS JOIN LATERAL unnest(s.topics, s.topic_levels, s.topic_changes) AS x (topic, level, change)
         GROUP BY x.topic, x.level HAVING sum(x.change) <> 0
    ), p AS (
        SELECT x.prefix, x.level, sum(x.change) AS change
          FROM staged s CROSS JOIN LATERAL unnest(s.prefixes, s.prefix_levels, s.prefix_changes)
               AS x (prefix, level, change)
         GROUP BY x.prefix, x.level HAVING sum(x.change) <> 0
    )
    SELECT (SELECT array_agg(topic ORDER BY topic COLLATE "C", level) FROM t),
           (SELECT array_agg(level ORDER BY topic COLLATE "C", level) FROM t),
           (SELECT array_agg(change ORDER BY topic COLLATE "C", level) FROM t),
           (SELECT array_agg(prefix ORDER BY prefix COLLATE "C", level) FROM p),
           (SELECT array_agg(level ORDER BY prefix COLLATE "C", level) FROM p),
           (SELECT array_agg(change ORDER BY prefix COLLATE "C", level) FROM p)
      INTO topics, topic_levels, topic_changes, prefixes, prefix_levels, prefix_changes;
    IF topics IS NOT NULL THEN
        INSERT INTO topic_counts AS c (topic, level, profiles)
        SELECT x.topic, x.level, x.change FROM unnest(topics, topic_levels, topic_changes) WITH ORDINALITY
               AS x (topic, level, change, n)
         ORDER BY x.n
        ON CONFLICT (topic, level) DO UPDATE SET profiles = c.profiles + EXCLUDED.profiles;
    END IF;
    IF prefixes IS NOT NULL THEN
        INSERT INTO prefix_counts AS c (prefix, level, users)
        SELECT x.prefix, x.level, x.change FROM unnest(prefixes, prefix_levels, prefix_changes) WITH ORDINALITY
               AS x (prefix, level, change, n)
         ORDER BY x.n
        ON CONFLICT (prefix, level) DO UPDATE SET users = c.users + EXCLUDED.users;
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER search_count_changes_apply AFTER INSERT ON search_count_changes
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION apply_search_count_changes();

-- TRUNCATE fires no row or transition-table triggers: both count tables empty with it.
CREATE FUNCTION profile_topics_truncate_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM topic_counts;
    DELETE FROM prefix_counts;
    RETURN NULL;
END
$$;

CREATE TRIGGER profile_topics_truncate_counts AFTER TRUNCATE ON profile_topics
    FOR EACH STATEMENT EXECUTE FUNCTION profile_topics_truncate_counts();

-- Recounts topic_counts and prefix_counts from profile_topics: the backfill below, and the step after a bulk load
-- that bypassed the triggers (session_replication_role = replica). Blocks writes to profile_topics meanwhile.
CREATE FUNCTION rebuild_search_counts() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    LOCK TABLE profile_topics IN SHARE MODE;
    DELETE FROM topic_counts;
    INSERT INTO topic_counts (topic, level, profiles)
    SELECT topic, level, count(*) FROM profile_topics WHERE node_id IS NOT NULL GROUP BY topic, level;
    DELETE FROM prefix_counts;
    INSERT INTO prefix_counts (prefix, level, users)
    SELECT b.prefix, b.level, count(*) FROM (
        SELECT pt.user_id, x.prefix, max(pt.level) AS level
          FROM profile_topics pt CROSS JOIN LATERAL topic_prefixes(pt.topic) AS x (prefix)
         WHERE pt.node_id IS NOT NULL GROUP BY pt.user_id, x.prefix
    ) b GROUP BY b.prefix, b.level;
END
$$;

SELECT rebuild_search_counts();

-- All visible topic rows in result order (level desc, updated_at desc, node id), carrying the user and the topic:
-- the page of a prefix that covers a large share of the rows is the head of this index, filtered by the prefix.
CREATE INDEX profile_topics_order ON profile_topics (level DESC, updated_at DESC, node_id)
    INCLUDE (user_id, topic) WHERE node_id IS NOT NULL;
