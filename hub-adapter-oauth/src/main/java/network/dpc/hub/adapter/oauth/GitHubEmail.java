package network.dpc.hub.adapter.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One entry of GitHub's {@code GET /user/emails}, and the rule for picking the address to sign in with: the primary
 * address if it is verified, else the first verified one.
 *
 * @param email the address
 * @param primary whether it is the account's primary address
 * @param verified whether GitHub has verified it
 */
record GitHubEmail(String email, boolean primary, boolean verified) {

    /** The entries of a {@code /user/emails} array; entries without an address are skipped. */
    static List<GitHubEmail> listFrom(JsonNode array) {
        List<GitHubEmail> emails = new ArrayList<>();
        for (JsonNode entry : array) {
            if (entry.isObject()) {
                ProviderJson.text(entry, "email").ifPresent(email -> emails.add(new GitHubEmail(email,
                        entry.path("primary").asBoolean(false) && entry.path("primary").isBoolean(),
                        entry.path("verified").asBoolean(false) && entry.path("verified").isBoolean())));
            }
        }
        return emails;
    }

    /** The primary verified address, else the first verified one, else nothing. */
    static Optional<String> choose(List<GitHubEmail> emails) {
        return emails.stream().filter(e -> e.primary() && e.verified()).findFirst()
                .or(() -> emails.stream().filter(GitHubEmail::verified).findFirst())
                .map(GitHubEmail::email);
    }
}
