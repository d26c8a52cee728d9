package network.dpc.hub.adapter.http.signaling;

import network.dpc.hub.application.contract.SocketTicketBookContract;
import network.dpc.hub.application.port.out.SocketTicketBook;

class InMemorySocketTicketBookTest extends SocketTicketBookContract {

    @Override
    protected SocketTicketBook emptyBook() {
        return new InMemorySocketTicketBook();
    }
}
