-- Profiles (contract §3) and discovery (contract §4).
--
-- profiles holds what the user wrote, expertise with the topics as written. profile_topics is the search
-- structure: one row per canonical topic, carrying copies of the profile's updated_at and of the owner's primary
-- node id (null while the owner has no node: such rows are invisible to search), so that one B-tree range scan
-- over profile_topics_search answers a search in result order, level desc, updated_at desc, node id. Triggers keep
-- the copies and the per-(topic, level) counts in topic_counts current, whichever way rows change (profile saves,
-- node registrations, evictions and take-overs, cascades from a deleted account).

CREATE TABLE profiles (
    user_id      uuid        PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    name         text        NOT NULL,
    description  text,
    expertise    jsonb       NOT NULL,
    compute      jsonb,
    p2p_uri_hint text,
    updated_at   timestamptz NOT NULL,
    CONSTRAINT profiles_name_length CHECK (char_length(name) BETWEEN 1 AND 100),
    CONSTRAINT profiles_description_length CHECK (char_length(description) <= 500),
    CONSTRAINT profiles_p2p_uri_hint_length CHECK (char_length(p2p_uri_hint) <= 500),
    CONSTRAINT profiles_expertise_object CHECK (jsonb_typeof(expertise) = 'object'),
    CONSTRAINT profiles_compute_object CHECK (compute IS NULL OR jsonb_typeof(compute) = 'object')
);

CREATE TABLE profile_topics (
    user_id    uuid        NOT NULL REFERENCES profiles (user_id) ON DELETE CASCADE,
    topic      text        COLLATE "C" NOT NULL,
    level      smallint    NOT NULL,
    updated_at timestamptz NOT NULL,
    node_id    text        COLLATE "C",
    PRIMARY KEY (user_id, topic),
    CONSTRAINT profile_topics_topic_canonical CHECK (topic ~ '^[a-z0-9_]{1,100}$'),
    CONSTRAINT profile_topics_level CHECK (level BETWEEN 1 AND 5)
);

-- Exact search: topic = q; prefix search: q <= topic < successor(q) (byte order, COLLATE "C"); both read the
-- entries of one topic already in result order, so a page costs its own size, not the number of profiles.
CREATE INDEX profile_topics_search ON profile_topics (topic, level DESC, updated_at DESC, node_id)
    INCLUDE (user_id) WHERE node_id IS NOT NULL;

-- How many visible profiles hold each topic at each level: the total of an exact search without reading them.
CREATE TABLE topic_counts (
    topic    text     COLLATE "C" NOT NULL,
    level    smallint NOT NULL,
    profiles integer  NOT NULL,
    PRIMARY KEY (topic, level),
    CONSTRAINT topic_counts_not_negative CHECK (profiles >= 0)
);

CREATE FUNCTION profile_topics_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.node_id IS NOT NULL AND NEW.node_id IS NOT NULL
            AND OLD.topic = NEW.topic AND OLD.level = NEW.level THEN
        RETURN NULL;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.node_id IS NOT NULL THEN
        UPDATE topic_counts SET profiles = profiles - 1 WHERE topic = OLD.topic AND level = OLD.level;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.node_id IS NOT NULL THEN
        INSERT INTO topic_counts AS c (topic, level, profiles) VALUES (NEW.topic, NEW.level, 1)
            ON CONFLICT (topic, level) DO UPDATE SET profiles = c.profiles + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER profile_topics_count AFTER INSERT OR UPDATE OR DELETE ON profile_topics
    FOR EACH ROW EXECUTE FUNCTION profile_topics_count();

-- Serialises a user's profile writes with changes to their nodes (the profile repository takes the same lock), so
-- that neither misses the other's committed rows.
CREATE FUNCTION lock_profile_owner(owner uuid) RETURNS void LANGUAGE sql AS $$
    SELECT pg_advisory_xact_lock(4, hashtext(owner::text));
$$;

-- Copies the owner's primary node (newest registration, then smallest node id) onto their profile_topics rows.
CREATE FUNCTION refresh_profile_node(owner uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    primary_node text;
BEGIN
    PERFORM lock_profile_owner(owner);
    SELECT n.node_id INTO primary_node FROM node_identities n WHERE n.user_id = owner
        ORDER BY n.registered_at DESC, n.node_id COLLATE "C" LIMIT 1;
    UPDATE profile_topics SET node_id = primary_node
        WHERE user_id = owner AND node_id IS DISTINCT FROM primary_node;
END
$$;

CREATE FUNCTION node_identities_profile_node() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM refresh_profile_node(OLD.user_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id <> OLD.user_id) THEN
        PERFORM refresh_profile_node(NEW.user_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER node_identities_profile_node AFTER INSERT OR UPDATE OR DELETE ON node_identities
    FOR EACH ROW EXECUTE FUNCTION node_identities_profile_node();
