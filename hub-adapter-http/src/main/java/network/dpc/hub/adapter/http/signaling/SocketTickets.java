package network.dpc.hub.adapter.http.signaling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import network.dpc.hub.application.port.out.SocketTicketBook;

/**
 * Single-use, short-lived tickets that let a browser open {@code /ws/signal} without putting its long-lived access
 * token in a URL, valid on every hub instance sharing the key (derived from the hub's secret). A ticket carries the
 * access token it was issued against, sealed with AES-256-GCM, behind a random id and its expiry (authenticated
 * too); nothing is stored when one is issued. Redeeming opens it, refuses it once expired, records its id in the
 * shared {@link SocketTicketBook} so that it works once wherever it is presented, and hands back the access token,
 * which the socket authenticates as usual (so a revocation in between still counts).
 */
public final class SocketTickets {

    private static final byte VERSION = 1;
    private static final int ID_BYTES = 16;
    private static final int HEADER_BYTES = 1 + ID_BYTES + Long.BYTES;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_TICKET_CHARS = 16 * 1024;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final Duration ttl;
    private final SecretKeySpec key;
    private final SocketTicketBook book;
    private final Clock clock;
    private final SecureRandom random;

    /**
     * @param key 32 bytes, the same on every instance (derive it from the shared secret)
     * @param book where redemptions are recorded, shared by every instance
     */
    public SocketTickets(Duration ttl, byte[] key, SocketTicketBook book, Clock clock, SecureRandom random) {
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        if (Objects.requireNonNull(key, "key").length != 32) {
            throw new IllegalArgumentException("a socket ticket key is 32 bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.book = Objects.requireNonNull(book, "book");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Tickets that only this process honours (a random key, redemptions in memory), for a hub on its own. */
    static SocketTickets inMemory(Duration ttl, Clock clock, SecureRandom random) {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return new SocketTickets(ttl, key, new InMemorySocketTicketBook(), clock, random);
    }

    /** A fresh ticket for {@code accessToken}, valid for the ticket lifetime. */
    String issue(String accessToken) {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        long expiresAt = clock.instant().plus(ttl).toEpochMilli();
        byte[] header = ByteBuffer.allocate(HEADER_BYTES).put(VERSION).put(id).putLong(expiresAt).array();
        byte[] sealed = seal(iv, header, accessToken.getBytes(StandardCharsets.UTF_8));
        return ENCODER.encodeToString(ByteBuffer.allocate(HEADER_BYTES + IV_BYTES + sealed.length)
                .put(header).put(iv).put(sealed).array());
    }

    /**
     * The access token behind {@code ticket}, once: a redeemed, expired, forged or unknown ticket yields nothing.
     * Fails (unchecked) when the book cannot be reached, which the socket answers with 503.
     */
    Optional<String> redeem(String ticket) {
        if (ticket == null || ticket.length() > MAX_TICKET_CHARS) {
            return Optional.empty();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(ticket);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        if (bytes.length < HEADER_BYTES + IV_BYTES + TAG_BITS / 8 || bytes[0] != VERSION) {
            return Optional.empty();
        }
        byte[] header = Arrays.copyOfRange(bytes, 0, HEADER_BYTES);
        byte[] iv = Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + IV_BYTES);
        byte[] token;
        try {
            token = open(iv, header, Arrays.copyOfRange(bytes, HEADER_BYTES + IV_BYTES, bytes.length));
        } catch (AEADBadTagException forged) {
            return Optional.empty();
        }
        Instant expiresAt = Instant.ofEpochMilli(ByteBuffer.wrap(header, 1 + ID_BYTES, Long.BYTES).getLong());
        if (!expiresAt.isAfter(clock.instant())) {
            return Optional.empty();
        }
        String id = ENCODER.encodeToString(Arrays.copyOfRange(header, 1, 1 + ID_BYTES));
        if (!book.redeemOnce(id, expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new String(token, StandardCharsets.UTF_8));
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    private byte[] open(byte[] iv, byte[] header, byte[] sealed) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            return cipher.doFinal(sealed);
        } catch (AEADBadTagException forged) {
            throw forged;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    private byte[] seal(byte[] iv, byte[] header, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(header);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }
}
