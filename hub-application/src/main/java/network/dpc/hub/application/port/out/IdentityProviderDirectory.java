package network.dpc.hub.application.port.out;

/** Finds the configured sign-in provider for a name used in a URL. */
public interface IdentityProviderDirectory {

    /**
     * The provider called {@code name}.
     *
     * @throws network.dpc.hub.domain.shared.DomainException NOT_FOUND {@code unknown_provider} for a name the hub
     *     does not know, UNAVAILABLE {@code provider_not_configured} (naming the missing settings) for a known
     *     provider without credentials
     */
    IdentityProvider provider(String name);
}
