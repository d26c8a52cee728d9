-- Several hub instances on one database (contract §5, §6, §8): which instances are alive, which node is online on
-- which instance (node -> instance only, never who talks to whom), large signal frames in transit between two
-- instances, and the fixed-window counters of the rate limits that hold across instances.
--
-- The tables are UNLOGGED: their content is short-lived or rebuilt by the instances themselves (every instance
-- announces its nodes again when it reconnects), so it is not worth write-ahead logging, and a frame in transit is
-- never written to the WAL.

-- Instances alive right now; an instance whose heartbeat is older than the timeout is swept by the others.
CREATE UNLOGGED TABLE hub_instances (
    instance_id  text        PRIMARY KEY,
    started_at   timestamptz NOT NULL DEFAULT now(),
    heartbeat_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT hub_instances_id_format CHECK (instance_id ~ '^[a-z0-9_]{1,40}$')
);

-- One row per node ever seen: online (instance_id set) or offline since last_seen. The claim orders competing
-- sockets of one node on different instances: the highest claim is the current one.
CREATE SEQUENCE node_presence_claims;

CREATE UNLOGGED TABLE node_presence (
    node_id     text        PRIMARY KEY,
    instance_id text,
    claim       bigint      NOT NULL,
    last_seen   timestamptz,
    CONSTRAINT node_presence_node_id_length CHECK (char_length(node_id) BETWEEN 1 AND 64),
    CONSTRAINT node_presence_online_or_seen CHECK (instance_id IS NOT NULL OR last_seen IS NOT NULL)
);

CREATE INDEX node_presence_online_idx ON node_presence (instance_id) WHERE instance_id IS NOT NULL;
CREATE INDEX node_presence_offline_idx ON node_presence (last_seen) WHERE instance_id IS NULL;

-- Signal frames too large for a NOTIFY payload, sealed with a key that travels only in the notification: the row
-- is deleted by the receiving instance as it reads it, and swept by any instance within 30 seconds otherwise.
CREATE UNLOGGED TABLE signal_transit (
    id         uuid        PRIMARY KEY,
    sealed     bytea       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- Sealed bytes do not compress: store them out of line without trying.
ALTER TABLE signal_transit ALTER COLUMN sealed SET STORAGE EXTERNAL;

CREATE INDEX signal_transit_created_idx ON signal_transit (created_at);

-- Fixed-window request counters of the cross-instance rate limits; the key is a SHA-256 of limit and subject.
CREATE UNLOGGED TABLE rate_limit_windows (
    key_hash     bytea       NOT NULL,
    window_start timestamptz NOT NULL,
    hits         bigint      NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (key_hash, window_start),
    CONSTRAINT rate_limit_windows_key_sha256 CHECK (octet_length(key_hash) = 32)
);

CREATE INDEX rate_limit_windows_expires_idx ON rate_limit_windows (expires_at);
