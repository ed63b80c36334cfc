package dev.revive.console;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * The console's read API: what it has read from Revive's topics ({@code /api/clusters}, {@code /api/incidents},
 * {@code /api/reports}, {@code /api/dlq}, newest first) and every change as it happens ({@code /api/events},
 * server-sent events of {@link ConsoleEvent} JSON). Read-only and unauthenticated, like the topics' readers: it
 * shows no secret (specs are shown by cluster id, kind and node ids only).
 */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
public class ConsoleResource {

    /** How many events one stream may be behind before it is cut off. */
    static final int BACKLOG = 512;

    @Inject
    ConsoleModel model;

    @GET
    @Path("clusters")
    public List<Views.Cluster> clusters() {
        return model.clusters();
    }

    @GET
    @Path("incidents")
    public List<Views.Incident> incidents() {
        return model.incidents();
    }

    @GET
    @Path("reports")
    public List<Views.Report> reports() {
        return model.reports();
    }

    @GET
    @Path("dlq")
    public List<Views.DeadLetter> deadLetters() {
        return model.deadLetters();
    }

    /**
     * Every change from now on, starting with a {@code hello}. A client more than {@link #BACKLOG} events behind is
     * cut off rather than let memory grow; its {@code EventSource} reconnects, gets a {@code hello} and reloads.
     */
    @GET
    @Path("events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ConsoleEvent> events() {
        return Multi.createFrom().<ConsoleEvent>emitter(emitter -> {
            emitter.emit(new ConsoleEvent("hello", null));
            Runnable unsubscribe = model.subscribe(emitter::emit);
            emitter.onTermination(unsubscribe);
        }, BackPressureStrategy.ERROR).onOverflow().buffer(BACKLOG);
    }
}
