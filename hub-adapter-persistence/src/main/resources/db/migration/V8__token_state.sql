-- Token state every instance mirrors in memory, so that checking a token costs no database round trip.
--
-- token_revocations gains the time each row was written: instances poll for rows written since their last look
-- (with an overlap, see JdbiRevocationStore) and so learn of each other's revocations within a second.
ALTER TABLE token_revocations ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT clock_timestamp();
CREATE INDEX token_revocations_recorded_at ON token_revocations (recorded_at);

-- Logout-everywhere and account deletion: every token of the user issued before issued_before is dead. Kept until
-- the longest-lived token issued before the cut-off has expired (forget_after), and, unlike users, kept after the
-- account is deleted: this row is what refuses a deleted user's tokens. A user id, two times, nothing else.
CREATE TABLE token_cutoffs (
    user_id       uuid        PRIMARY KEY,
    issued_before timestamptz NOT NULL,
    forget_after  timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX token_cutoffs_recorded_at ON token_cutoffs (recorded_at);
CREATE INDEX token_cutoffs_forget_after ON token_cutoffs (forget_after);

-- Cut-offs made before this table existed, kept for 366 days: beyond the longest refresh token lifetime the hub
-- can be configured with (365 days).
INSERT INTO token_cutoffs (user_id, issued_before, forget_after)
    SELECT id, tokens_revoked_before, tokens_revoked_before + interval '366 days'
      FROM users WHERE tokens_revoked_before IS NOT NULL;
