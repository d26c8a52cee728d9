package network.dpc.hub.adapter.http.profile;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Objects;
import network.dpc.hub.adapter.http.ApiException;
import network.dpc.hub.adapter.http.BearerAuthentication;
import network.dpc.hub.adapter.http.ErrorResponse.FieldError;
import network.dpc.hub.adapter.http.HttpRoutes;
import network.dpc.hub.adapter.http.RequestBodies;
import network.dpc.hub.application.port.in.Caller;
import network.dpc.hub.application.port.in.DeleteAccountUseCase;
import network.dpc.hub.application.port.in.GetProfileUseCase;
import network.dpc.hub.application.port.in.SearchProfilesUseCase;
import network.dpc.hub.application.port.in.UpdateProfileUseCase;
import network.dpc.hub.domain.node.NodeId;
import network.dpc.hub.domain.profile.Expertise;
import network.dpc.hub.domain.profile.InvalidProfileException;
import network.dpc.hub.domain.profile.ProfileContent;
import network.dpc.hub.domain.profile.ProfileSearch;
import network.dpc.hub.domain.profile.TopicMatch;
import network.dpc.hub.domain.shared.DomainException;
import network.dpc.hub.domain.shared.ErrorKind;

/**
 * Profiles and discovery (contract §3 and §4), all Bearer-authenticated: {@code PUT/GET/DELETE /profile},
 * {@code GET /profile/{node_id}} and {@code GET /discovery/search}. {@code DELETE /profile} deletes the whole
 * account.
 */
public final class ProfileRoutes implements HttpRoutes {

    private final BearerAuthentication authentication;
    private final UpdateProfileUseCase updateProfile;
    private final GetProfileUseCase getProfile;
    private final DeleteAccountUseCase deleteAccount;
    private final SearchProfilesUseCase searchProfiles;

    public ProfileRoutes(BearerAuthentication authentication, UpdateProfileUseCase updateProfile,
            GetProfileUseCase getProfile, DeleteAccountUseCase deleteAccount, SearchProfilesUseCase searchProfiles) {
        this.authentication = Objects.requireNonNull(authentication, "authentication");
        this.updateProfile = Objects.requireNonNull(updateProfile, "updateProfile");
        this.getProfile = Objects.requireNonNull(getProfile, "getProfile");
        this.deleteAccount = Objects.requireNonNull(deleteAccount, "deleteAccount");
        this.searchProfiles = Objects.requireNonNull(searchProfiles, "searchProfiles");
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.put("/profile", this::update);
        routes.get("/profile", this::own);
        routes.delete("/profile", this::deleteAccount);
        routes.get("/profile/{node_id}", this::ofNode);
        routes.get("/discovery/search", this::search);
    }

    private void update(Context ctx) {
        Caller caller = authentication.caller(ctx);
        ProfileContent content = ProfileRequest.parse(RequestBodies.jsonObject(ctx));
        try {
            ctx.json(ProfileResponse.from(updateProfile.update(caller.userId(), content)));
        } catch (InvalidProfileException e) {
            throw ApiException.validation(fieldErrors(e));
        }
    }

    private void own(Context ctx) {
        Caller caller = authentication.caller(ctx);
        ctx.header("Cache-Control", "no-store").json(ProfileResponse.from(getProfile.own(caller.userId())));
    }

    private void deleteAccount(Context ctx) {
        Caller caller = authentication.caller(ctx);
        deleteAccount.delete(caller.userId());
        ctx.status(HttpStatus.NO_CONTENT);
    }

    private void ofNode(Context ctx) {
        authentication.caller(ctx);
        String raw = ctx.pathParam("node_id");
        if (!NodeId.isRegistrable(raw)) {
            throw new DomainException(ErrorKind.NOT_FOUND, "profile_not_found", "No profile for that node id");
        }
        ctx.json(ProfileResponse.from(getProfile.ofNode(new NodeId(raw))));
    }

    private void search(Context ctx) {
        authentication.caller(ctx);
        TopicMatch match = TopicMatch.parse(parameter(ctx, "match", "exact")).orElseThrow(() ->
                ProfileSearch.invalid("match must be exact or prefix"));
        ProfileSearch search = ProfileSearch.of(ctx.queryParam("q"), match,
                integer(ctx, "min_level", Expertise.MIN_LEVEL), integer(ctx, "limit", ProfileSearch.DEFAULT_LIMIT),
                integer(ctx, "offset", 0), online(ctx));
        ctx.json(SearchResponse.from(searchProfiles.search(search)));
    }

    private static String parameter(Context ctx, String name, String fallback) {
        String value = ctx.queryParam(name);
        return value == null ? fallback : value;
    }

    /** An integer query parameter, its default when absent; anything but an integer is a 400. */
    private static int integer(Context ctx, String name, int fallback) {
        String value = ctx.queryParam(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw ProfileSearch.invalid(name + " must be an integer");
        }
    }

    private static boolean online(Context ctx) {
        String value = parameter(ctx, "online", "false");
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw ProfileSearch.invalid("online must be true or false");
    }

    private static List<FieldError> fieldErrors(InvalidProfileException e) {
        return e.violations().stream().map(v -> new FieldError(v.field(), v.message())).toList();
    }
}
