package network.dpc.hub.adapter.oauth;

import java.util.Objects;
import network.dpc.hub.application.port.out.IdentityProvider;

/** What the hub knows about a provider name taken from a URL: configured, known but not configured, or unknown. */
public sealed interface ProviderLookup {

    /** A configured provider, ready to sign people in. */
    record Found(IdentityProvider provider) implements ProviderLookup {
        public Found {
            Objects.requireNonNull(provider, "provider");
        }
    }

    /** A provider the hub supports whose settings are missing; {@code reason} names them in one sentence. */
    record NotConfigured(String name, String reason) implements ProviderLookup {
        public NotConfigured {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** A name the hub does not support at all. */
    record Unknown(String name) implements ProviderLookup {
    }
}
