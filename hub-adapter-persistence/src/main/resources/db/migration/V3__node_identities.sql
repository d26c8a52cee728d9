-- Node identities (contract §2): which user each registered node id is bound to. A node id is bound to at most
-- one user across all users (the primary key); a user's nodes go with the account.
CREATE TABLE node_identities (
    node_id             text        PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    registered_at       timestamptz NOT NULL,
    proof_of_possession boolean     NOT NULL DEFAULT false,
    CONSTRAINT node_identities_node_id_format CHECK (node_id ~ '^dpc-node-([0-9a-f]{16}|[0-9a-f]{32})$')
);

CREATE INDEX node_identities_user_idx ON node_identities (user_id, registered_at DESC);

-- Single-use proof-of-possession challenges, valid for five minutes; kept here so that any hub instance can
-- accept a proof for a challenge another instance issued.
CREATE TABLE node_challenges (
    challenge  text        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    CONSTRAINT node_challenges_length CHECK (char_length(challenge) BETWEEN 1 AND 200)
);

CREATE INDEX node_challenges_expiry_idx ON node_challenges (expires_at);
