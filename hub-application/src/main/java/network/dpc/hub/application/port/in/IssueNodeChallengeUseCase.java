package network.dpc.hub.application.port.in;

import network.dpc.hub.domain.node.NodeChallenge;
import network.dpc.hub.domain.user.UserId;

/** Hands out a single-use challenge a node signs to prove it holds its private key. */
public interface IssueNodeChallengeUseCase {

    /** A fresh challenge bound to {@code caller}, valid for five minutes. */
    NodeChallenge issue(UserId caller);
}
