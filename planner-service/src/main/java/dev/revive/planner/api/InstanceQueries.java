package dev.revive.planner.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.planner.domain.ClusterState;
import dev.revive.planner.domain.Incident;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The planner API's reads across instances. A lookup by cluster id is answered from the local stores when this
 * instance owns the key's partition, else forwarded to the owner and its answer passed through. A plan id names no
 * cluster, so {@code GET /plans/{planId}} asks this instance, then each other one. Lists gather every instance's
 * local part. Requests between instances carry {@link PeerClient#LOCAL_ONLY}, so nothing is forwarded twice. An
 * answer that cannot be given for sure (rebalancing, an owner unreachable) is a 503, never a wrong 404.
 */
@ApplicationScoped
public class InstanceQueries {

    private static final TypeReference<List<ClusterView>> CLUSTERS = new TypeReference<>() {
    };
    private static final TypeReference<List<IncidentView>> INCIDENTS = new TypeReference<>() {
    };

    @Inject
    StoreRouter router;
    @Inject
    PeerClient peers;
    @Inject
    ObjectMapper json;

    /** {@code GET /clusters/{clusterId}}: the view from the owner's stores, 404 when it knows nothing of the cluster. */
    public Response cluster(String clusterId, boolean localOnly, String authorization) {
        StoreRouter.Route route = router.route(clusterId);
        if (!route.local()) {
            if (localOnly) {
                throw new StoreNotReadyException("cluster '" + clusterId + "' is no longer owned by this instance");
            }
            return PeerClient.passThrough(peers.get(route.owner(), "/clusters/" + segment(clusterId), authorization));
        }
        Optional<ClusterState> state = router.localState(clusterId, route);
        boolean registered = router.localSpec(clusterId, route).isPresent();
        if (state.isEmpty() && !registered) {
            throw new UnknownClusterException(clusterId);
        }
        Response.ResponseBuilder answer = Response.ok(ClusterView.of(clusterId, registered, state.orElse(null)));
        router.self().ifPresent(self -> answer.header(PeerClient.ANSWERED_BY, self.host() + ":" + self.port()));
        return answer.build();
    }

    /** {@code GET /clusters}: every cluster of every instance, sorted by id. */
    public List<ClusterView> clusters(boolean localOnly, String authorization) {
        List<ClusterView> all = gather("/clusters", CLUSTERS, localOnly, authorization, () -> {
            SortedMap<String, ClusterState> states = router.localStates();
            SortedMap<String, ?> specs = router.localSpecs();
            List<ClusterView> views = new ArrayList<>();
            states.forEach((id, state) -> views.add(ClusterView.of(id, specs.containsKey(id), state)));
            specs.keySet().stream().filter(id -> !states.containsKey(id))
                    .forEach(id -> views.add(ClusterView.of(id, true, null)));
            return views;
        });
        return all.stream().sorted(java.util.Comparator.comparing(ClusterView::clusterId)).toList();
    }

    /** {@code GET /incidents}: the active incident of every cluster of every instance, sorted by cluster id. */
    public List<IncidentView> incidents(boolean localOnly, String authorization) {
        List<IncidentView> all = gather("/incidents", INCIDENTS, localOnly, authorization,
                () -> router.localStates().values().stream().map(ClusterState::activeIncident)
                        .flatMap(Optional::stream).map(IncidentView::of).toList());
        return all.stream().sorted(java.util.Comparator.comparing(IncidentView::clusterId)).toList();
    }

    /** The incident whose newest or an earlier revision is {@code planId}, from whichever instance holds it. */
    public Optional<PlanView> plan(String planId, boolean localOnly, String authorization) {
        router.requireRunning();
        Optional<PlanView> local = router.localStates().values().stream().map(ClusterState::incident)
                .filter(incident -> incident != null && (planId.equals(incident.planId())
                        || incident.supersedes(planId)))
                .map((Incident incident) -> PlanView.of(planId, incident)).findFirst();
        if (local.isPresent() || localOnly) {
            return local;
        }
        for (HostInfo peer : router.peers()) {
            HttpResponse<byte[]> answer = peers.get(peer, "/plans/" + segment(planId), authorization);
            if (answer.statusCode() == 200) {
                return Optional.of(decode(peer, answer, new TypeReference<PlanView>() {
                }));
            }
            if (answer.statusCode() != 404) {
                throw new PeerUnavailableException(peer, answer.statusCode());
            }
        }
        router.requireRunning();
        return Optional.empty();
    }

    private <T> List<T> gather(String path, TypeReference<List<T>> type, boolean localOnly, String authorization,
            Supplier<List<T>> local) {
        router.requireRunning();
        List<HostInfo> others = localOnly ? List.of() : router.peers();
        List<T> all = new ArrayList<>(local.get());
        for (HostInfo peer : others) {
            HttpResponse<byte[]> answer = peers.get(peer, path, authorization);
            if (answer.statusCode() != 200) {
                throw new PeerUnavailableException(peer, answer.statusCode());
            }
            all.addAll(decode(peer, answer, type));
        }
        router.requireRunning();
        return all;
    }

    private <T> T decode(HostInfo peer, HttpResponse<byte[]> answer, TypeReference<T> type) {
        try {
            return json.readValue(answer.body(), type);
        } catch (IOException e) {
            throw new PeerUnavailableException(peer, e);
        }
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
