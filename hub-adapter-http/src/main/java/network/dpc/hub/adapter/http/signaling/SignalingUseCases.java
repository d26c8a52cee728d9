package network.dpc.hub.adapter.http.signaling;

import java.util.Objects;
import network.dpc.hub.application.port.in.AuthenticateUseCase;
import network.dpc.hub.application.port.in.AuthorizeSignalingUseCase;
import network.dpc.hub.application.port.in.ConnectSignalingUseCase;
import network.dpc.hub.application.port.in.DisconnectSignalingUseCase;
import network.dpc.hub.application.port.in.RouteSignalUseCase;
import network.dpc.hub.application.port.in.SubscribePresenceUseCase;
import network.dpc.hub.application.port.in.UnsubscribePresenceUseCase;

/** The use cases the signaling socket drives, bundled so its constructor stays readable. */
public record SignalingUseCases(
        AuthenticateUseCase authenticate,
        AuthorizeSignalingUseCase authorize,
        ConnectSignalingUseCase connect,
        DisconnectSignalingUseCase disconnect,
        RouteSignalUseCase route,
        SubscribePresenceUseCase subscribe,
        UnsubscribePresenceUseCase unsubscribe) {

    public SignalingUseCases {
        Objects.requireNonNull(authenticate, "authenticate");
        Objects.requireNonNull(authorize, "authorize");
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(disconnect, "disconnect");
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(subscribe, "subscribe");
        Objects.requireNonNull(unsubscribe, "unsubscribe");
    }
}
