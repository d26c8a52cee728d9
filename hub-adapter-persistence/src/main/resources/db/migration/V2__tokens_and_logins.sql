-- Revoked token ids (the JWT jti, an id and not a secret), kept until the token would have expired anyway and
-- shared by every hub instance.
CREATE TABLE token_revocations (
    jti        text        PRIMARY KEY,
    expires_at timestamptz NOT NULL,
    CONSTRAINT token_revocations_jti_length CHECK (char_length(jti) BETWEEN 1 AND 64)
);
CREATE INDEX token_revocations_expires_at ON token_revocations (expires_at);

-- Sign-ins in progress (at most 10 minutes, deleted on use). The single-use state is stored only as its SHA-256
-- hash, so a dump of this table cannot be replayed; the nonce and PKCE verifier are needed to finish the login.
CREATE TABLE login_attempts (
    state_hash            bytea       PRIMARY KEY,
    provider              text        NOT NULL,
    nonce                 text        NOT NULL,
    code_verifier         text        NOT NULL,
    client_redirect       text        NOT NULL,
    client_code_challenge text,
    expires_at            timestamptz NOT NULL,
    CONSTRAINT login_attempts_state_hash_sha256 CHECK (octet_length(state_hash) = 32),
    CONSTRAINT login_attempts_provider_length CHECK (char_length(provider) BETWEEN 1 AND 32)
);
CREATE INDEX login_attempts_expires_at ON login_attempts (expires_at);

-- One-time codes of the PKCE hub-code flow (60 seconds, deleted on use), stored only as SHA-256 hashes.
CREATE TABLE hub_codes (
    code_hash      bytea       PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_challenge text        NOT NULL,
    redirect_uri   text        NOT NULL,
    expires_at     timestamptz NOT NULL,
    CONSTRAINT hub_codes_code_hash_sha256 CHECK (octet_length(code_hash) = 32)
);
CREATE INDEX hub_codes_expires_at ON hub_codes (expires_at);
CREATE INDEX hub_codes_user_id ON hub_codes (user_id);
