-- Accounts, keyed by verified e-mail address (stored lower-cased by the domain).
CREATE TABLE users (
    id                    uuid        PRIMARY KEY,
    email                 text        NOT NULL,
    provider              text        NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL DEFAULT now(),
    tokens_revoked_before timestamptz,
    CONSTRAINT users_email_unique UNIQUE (email),
    CONSTRAINT users_email_length CHECK (char_length(email) BETWEEN 3 AND 320),
    CONSTRAINT users_provider_length CHECK (char_length(provider) BETWEEN 1 AND 32)
);
