-- Socket tickets (POST /ws/ticket: 30 s, single use) already redeemed, so that every hub instance honours a ticket
-- once only. Only the SHA-256 of the ticket's random id is kept, until the ticket would have expired anyway (the
-- housekeeping job purges it); the ticket itself and the access token it stands for are never stored.
CREATE TABLE redeemed_socket_tickets (
    ticket_hash bytea       PRIMARY KEY,
    expires_at  timestamptz NOT NULL,
    CONSTRAINT redeemed_socket_tickets_hash_sha256 CHECK (octet_length(ticket_hash) = 32)
);
CREATE INDEX redeemed_socket_tickets_expires_at ON redeemed_socket_tickets (expires_at);
