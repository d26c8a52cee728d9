package network.dpc.hub.application.port.out;

import network.dpc.hub.domain.user.UserId;

/** Holds the secret shared with the TURN server: derives opaque user handles and signs TURN usernames. */
public interface TurnCredentialSigner {

    /** A stable handle for the user that reveals neither the user id nor the e-mail address (letters and digits). */
    String userHandle(UserId user);

    /** The password the TURN server expects for {@code username}: base64(HMAC-SHA1(secret, username)). */
    String password(String username);
}
