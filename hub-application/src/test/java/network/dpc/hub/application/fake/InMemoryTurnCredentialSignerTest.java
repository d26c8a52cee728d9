package network.dpc.hub.application.fake;

import network.dpc.hub.application.contract.TurnCredentialSignerContract;
import network.dpc.hub.application.port.out.TurnCredentialSigner;

class InMemoryTurnCredentialSignerTest extends TurnCredentialSignerContract {

    @Override
    protected TurnCredentialSigner newSigner() {
        return new InMemoryTurnCredentialSigner();
    }
}
