package network.dpc.hub.adapter.http.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.ErrorMapper;
import network.dpc.hub.adapter.http.node.TestIdentities.Identity;
import network.dpc.hub.domain.node.InvalidNodeRegistrationException;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.NodeIdentityPolicy;
import network.dpc.hub.domain.shared.DomainException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded fuzzing of the certificate checks (edge checks 1 and 2, domain checks 3 to 8) with random and mutated
 * PEM and DER: every input ends in a verdict (accepted, or a 4xx edge or domain error), never in anything else.
 * The seeds are fixed, so a failure names an input that can be replayed.
 */
class CertificateCheckFuzzTest {

    private static final int INPUTS_PER_SEED = 500;
    private static final Instant NOW = Instant.parse("2026-11-27T09:30:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NodeIdentityPolicy POLICY = NodeIdentityPolicy.standard();
    private static final Map<String, Integer> VERDICTS = new TreeMap<>();

    private static Identity valid;
    private static Identity other;
    private static byte[] validDer;
    private static byte[] otherDer;

    @BeforeAll
    static void identities() {
        KeyPair keys = TestIdentities.rsa(2048);
        valid = TestIdentities.fieldClient(keys, NOW);
        other = TestIdentities.fixture("device1");
        validDer = TestIdentities.der(valid.certificatePem());
        otherDer = TestIdentities.der(other.certificatePem());
    }

    @AfterAll
    static void everyKindOfVerdictWasReached() {
        assertThat(VERDICTS).containsKeys("accepted", "422", "check 2", "check 4");
        assertThat(VERDICTS.keySet()).anyMatch(k -> k.equals("check 3") || k.equals("check 5")
                || k.equals("check 6") || k.equals("check 7"));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34})
    void everyInputEndsInAVerdictOrA4xx(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < INPUTS_PER_SEED; i++) {
            int strategy = random.nextInt(16);
            String certificate = certificate(strategy, random);
            String publicKey = random.nextInt(8) == 0 ? mangleText(valid.publicKeyPem(), random)
                    : valid.publicKeyPem();
            String nodeId = random.nextInt(10) == 0 ? mangleText(valid.nodeId(), random) : valid.nodeId();
            String verdict = verdictOf(nodeId, publicKey, certificate, seed, i, strategy);
            synchronized (VERDICTS) {
                VERDICTS.merge(verdict, 1, Integer::sum);
            }
        }
    }

    private static String verdictOf(String nodeId, String publicKey, String certificate, long seed, int index,
            int strategy) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node_id", nodeId);
        body.put("public_key", publicKey);
        body.put("certificate", certificate);
        try {
            JsonNode json = JSON.valueToTree(body);
            RegisterNodeRequest request = RegisterNodeRequest.from(json);
            NodeCertificate parsed = PemCertificateReader.read(request.certificate());
            POLICY.verify(request.nodeId(), request.publicKey(), parsed, NOW);
            return "accepted";
        } catch (ApiException e) {
            assertThat(e.status()).isBetween(400, 499);
            return String.valueOf(e.status());
        } catch (InvalidNodeRegistrationException e) {
            assertThat(ErrorMapper.statusOf(e.kind()).getCode()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("invalid_node_registration");
            return "check " + e.check().number();
        } catch (DomainException e) {
            return fail("unexpected domain error %s for seed %d input %d (strategy %d): %s", e.code(), seed, index,
                    strategy, certificate);
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("seed " + seed + " input " + index + " (strategy " + strategy
                    + ") escaped with " + e + "; certificate field:\n" + certificate, e);
        }
    }

    private static String certificate(int strategy, Random random) {
        byte[] der = validDer.clone();
        return switch (strategy) {
            case 0 -> valid.certificatePem();
            case 1 -> armour(flipBits(der, 1 + random.nextInt(8), random));
            case 2 -> armour(overwrite(der, 1 + random.nextInt(6), random));
            case 3 -> armour(Arrays.copyOf(der, random.nextInt(der.length)));
            case 4 -> armour(insert(der, random));
            case 5 -> armour(deleteSlice(der, random));
            case 6 -> armour(randomBytes(random.nextInt(3000), random));
            case 7 -> armour(PemCertificateReaderTest.nestedSequences(1 + random.nextInt(2500)));
            case 8 -> armour(corruptLength(der, random));
            case 9 -> "-----BEGIN CERTIFICATE-----\n" + randomText(random.nextInt(2000), random)
                    + "\n-----END CERTIFICATE-----\n";
            case 10 -> mangleText(valid.certificatePem(), random);
            case 11 -> valid.certificatePem() + (random.nextBoolean() ? other.certificatePem() : "\n");
            case 12 -> armour(splice(der, otherDer, random));
            case 13 -> armour(flipBits(der, 1, random));
            case 14 -> randomText(random.nextInt(500), random);
            default -> armour(overwrite(der, 1, random));
        };
    }

    private static String armour(byte[] der) {
        return TestIdentities.pem("CERTIFICATE", der);
    }

    private static byte[] flipBits(byte[] der, int count, Random random) {
        for (int i = 0; i < count && der.length > 0; i++) {
            der[random.nextInt(der.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return der;
    }

    private static byte[] overwrite(byte[] der, int count, Random random) {
        for (int i = 0; i < count && der.length > 0; i++) {
            der[random.nextInt(der.length)] = (byte) random.nextInt(256);
        }
        return der;
    }

    private static byte[] insert(byte[] der, Random random) {
        int at = random.nextInt(der.length + 1);
        byte[] extra = randomBytes(1 + random.nextInt(16), random);
        byte[] out = new byte[der.length + extra.length];
        System.arraycopy(der, 0, out, 0, at);
        System.arraycopy(extra, 0, out, at, extra.length);
        System.arraycopy(der, at, out, at + extra.length, der.length - at);
        return out;
    }

    private static byte[] deleteSlice(byte[] der, Random random) {
        int from = random.nextInt(der.length);
        int to = Math.min(der.length, from + 1 + random.nextInt(64));
        byte[] out = new byte[der.length - (to - from)];
        System.arraycopy(der, 0, out, 0, from);
        System.arraycopy(der, to, out, from, der.length - to);
        return out;
    }

    /** Sets the length octets after a random long-form length marker to random values. */
    private static byte[] corruptLength(byte[] der, Random random) {
        for (int tries = 0; tries < 50; tries++) {
            int at = random.nextInt(der.length - 3);
            if ((der[at] & 0xff) == 0x82 || (der[at] & 0xff) == 0x81) {
                der[at + 1] = (byte) random.nextInt(256);
                if ((der[at] & 0xff) == 0x82) {
                    der[at + 2] = (byte) random.nextInt(256);
                }
                return der;
            }
        }
        der[1] = (byte) (0x80 | random.nextInt(0x80));
        return der;
    }

    private static byte[] splice(byte[] a, byte[] b, Random random) {
        int cut = random.nextInt(Math.min(a.length, b.length));
        byte[] out = Arrays.copyOf(a, cut + (b.length - cut));
        System.arraycopy(b, cut, out, cut, b.length - cut);
        return out;
    }

    private static byte[] randomBytes(int length, Random random) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String randomText(int length, Random random) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(10);
            text.append(kind < 7 ? (char) (' ' + random.nextInt(95)) : kind < 9 ? '\n' : (char) random.nextInt(0x3000));
        }
        return text.toString();
    }

    /** Replaces, deletes or inserts a few characters of a text. */
    private static String mangleText(String text, Random random) {
        StringBuilder out = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && !out.isEmpty(); i++) {
            int at = random.nextInt(out.length());
            char c = "Aa0+/=\n\r -#*é".charAt(random.nextInt(13));
            switch (random.nextInt(3)) {
                case 0 -> out.setCharAt(at, c);
                case 1 -> out.deleteCharAt(at);
                default -> out.insert(at, c);
            }
        }
        return out.toString();
    }
}
