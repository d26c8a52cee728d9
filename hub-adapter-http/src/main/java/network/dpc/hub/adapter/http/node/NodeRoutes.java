package network.dpc.hub.adapter.http.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.ErrorResponse.FieldError;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.JsonMapping;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.DeleteNodeUseCase;
import network.dpc.hub.application.port.in.IssueNodeChallengeUseCase;
import network.dpc.hub.application.port.in.ListNodesUseCase;
import network.dpc.hub.application.port.in.RegisterNodeCommand;
import network.dpc.hub.application.port.in.RegisterNodeUseCase;
import network.dpc.hub.domain.node.NodeCertificate;
import network.dpc.hub.domain.node.NodeId;

/**
 * The node identity endpoints of contract §2, all Bearer-authenticated: {@code POST /register-node-id},
 * {@code GET /register-node-id/challenge}, {@code GET /nodes} and {@code DELETE /nodes/{node_id}}. The handler
 * runs checks 1 (shapes, 422) and 2 (one X.509 certificate, 400) at the edge and leaves the rest to the use case.
 */
public final class NodeRoutes implements HttpRoutes {

    private final BearerAuthentication authentication;
    private final RegisterNodeUseCase registerNode;
    private final IssueNodeChallengeUseCase issueChallenge;
    private final ListNodesUseCase listNodes;
    private final DeleteNodeUseCase deleteNode;
    private final ObjectMapper json = JsonMapping.objectMapper();

    public NodeRoutes(BearerAuthentication authentication, RegisterNodeUseCase registerNode,
            IssueNodeChallengeUseCase issueChallenge, ListNodesUseCase listNodes, DeleteNodeUseCase deleteNode) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.registerNode = Objects.requireNonNull(registerNode, "registerNode");
        this.issueChallenge = Objects.requireNonNull(issueChallenge, "issueChallenge");
        this.listNodes = Objects.requireNonNull(listNodes, "listNodes");
        this.deleteNode = Objects.requireNonNull(deleteNode, "deleteNode");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/register-node-id", this::register);
        routes.get("/register-node-id/challenge", this::challenge);
        routes.get("/nodes", this::list);
        routes.delete("/nodes/{node_id}", this::delete);
    }

    private void register(Context ctx) {
        Caller caller = authentication.caller(ctx);
        RegisterNodeRequest request = RegisterNodeRequest.from(body(ctx));
        NodeCertificate certificate = PemCertificateReader.read(request.certificate());
        var result = registerNode.register(new RegisterNodeCommand(caller.userId(), request.nodeId(),
                request.publicKey(), certificate, request.proof()));
        ctx.header("Cache-Control", "no-store").json(NodeResponses.Registered.from(result));
    }

    private void challenge(Context ctx) {
        Caller caller = authentication.caller(ctx);
        ctx.header("Cache-Control", "no-store")
                .json(NodeResponses.Challenge.from(issueChallenge.issue(caller.userId())));
    }

    private void list(Context ctx) {
        Caller caller = authentication.caller(ctx);
        ctx.header("Cache-Control", "no-store").json(NodeResponses.Nodes.from(listNodes.list(caller.userId())));
    }

    private void delete(Context ctx) {
        Caller caller = authentication.caller(ctx);
        String raw = ctx.pathParam("node_id");
        if (!RegisterNodeRequest.NODE_ID.matcher(raw).matches()) {
            throw ApiException.validation(List.of(new FieldError("node_id",
                    "must be dpc-node- followed by 16 or 32 lowercase hex characters")));
        }
        NodeId nodeId = NodeId.registrable(raw);
        deleteNode.delete(caller.userId(), nodeId);
        ctx.json(new NodeResponses.Deleted(nodeId.value(), true));
    }

    private JsonNode body(Context ctx) {
        try {
            return json.readTree(ctx.bodyAsBytes());
        } catch (IOException e) {
            throw ApiException.validation(List.of(new FieldError("body", "must be a JSON object")));
        }
    }
}
