package dev.revive.console;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.contracts.decision.OperatorDecision;
import dev.revive.contracts.execution.ExecutionEvent;
import dev.revive.contracts.execution.PlanOutcome;
import dev.revive.contracts.execution.StepEvent;
import dev.revive.contracts.fault.FaultEvent;
import dev.revive.contracts.plan.RecoveryPlan;
import dev.revive.contracts.report.RecoveryReport;
import dev.revive.contracts.report.Verdict;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The console's bounded in-memory views of Revive's topics: the registered clusters with each member's health as last
 * reported, the newest {@code recent} incidents (ended ones dropped first), reports, dead letters, and per cluster
 * the MTTR of its newest {@code recent} reports. Every change is handed to the subscribers as a
 * {@link ConsoleEvent}. Thread-safe; written by one {@link TopicTail}, read by the API.
 */
public final class ConsoleModel {

    private final int recent;
    private final Map<String, ClusterSpec> clusters = new LinkedHashMap<>();
    /** Per cluster, per node: the last fault reported for it. */
    private final Map<String, Map<String, FaultEvent>> lastFaults = new HashMap<>();
    private final Map<String, Deque<Views.MttrPoint>> mttr = new HashMap<>();
    /** Per cluster, when its newest CONSISTENT report was verified: the faults observed before it are behind it. */
    private final Map<String, Instant> consistentAt = new HashMap<>();
    private final LinkedHashMap<String, IncidentRecord> incidents = new LinkedHashMap<>();
    private final Map<String, String> incidentOfPlan = new HashMap<>();
    private final Deque<Views.Report> reports = new ArrayDeque<>();
    private final Deque<Views.DeadLetter> deadLetters = new ArrayDeque<>();
    private final List<Consumer<ConsoleEvent>> subscribers = new CopyOnWriteArrayList<>();

    /** @param recent how many incidents, reports, dead letters and MTTR points per cluster to keep (at least 1) */
    public ConsoleModel(int recent) {
        if (recent < 1) {
            throw new IllegalArgumentException("revive.console.recent must be at least 1 but is " + recent);
        }
        this.recent = recent;
    }

    /** Calls {@code subscriber} with every change from now on; the returned action unsubscribes. */
    public Runnable subscribe(Consumer<ConsoleEvent> subscriber) {
        subscribers.add(subscriber);
        return () -> subscribers.remove(subscriber);
    }

    /** A spec of {@code revive.clusters}, or its removal ({@code spec} null). */
    public synchronized void cluster(String clusterId, ClusterSpec spec) {
        if (spec == null) {
            clusters.remove(clusterId);
            lastFaults.remove(clusterId);
            mttr.remove(clusterId);
            consistentAt.remove(clusterId);
            publish("cluster-removed", clusterId);
            return;
        }
        clusters.put(clusterId, spec);
        publish("cluster", clusterView(spec));
    }

    /** A fault (or a RECOVERED) of {@code revive.faults}: the node's health as last reported. */
    public synchronized void fault(FaultEvent fault) {
        if (fault.nodeId() == null) {
            return;
        }
        lastFaults.computeIfAbsent(fault.clusterId(), id -> new HashMap<>()).put(fault.nodeId(), fault);
        ClusterSpec spec = clusters.get(fault.clusterId());
        if (spec != null) {
            publish("cluster", clusterView(spec));
        }
    }

    public synchronized void plan(RecoveryPlan plan) {
        IncidentRecord incident = incident(plan.incidentId(), plan.clusterId());
        incident.plan(plan);
        incidentOfPlan.put(plan.planId(), plan.incidentId());
        publish("incident", incident.view());
        evict();
    }

    public synchronized void decision(OperatorDecision decision) {
        changed(incidentOfPlan.get(decision.planId()), incident -> incident.decision(decision));
    }

    public synchronized void execution(ExecutionEvent event) {
        if (event instanceof StepEvent step) {
            changed(event.incidentId(), incident -> incident.step(step));
        } else if (event instanceof PlanOutcome outcome) {
            changed(event.incidentId(), incident -> incident.outcome(outcome));
        }
    }

    public synchronized void report(RecoveryReport report) {
        Views.Report view = new Views.Report(report.reportId(), report.incidentId(), report.planId(),
                report.clusterId(), report.verdict().name(), report.mttr() == null ? null : report.mttr().toMillis(),
                report.timeline() == null ? null : report.timeline().verifiedAt(), report.checks());
        bounded(reports, view);
        if (report.mttr() != null) {
            bounded(mttr.computeIfAbsent(report.clusterId(), id -> new ArrayDeque<>()),
                    new Views.MttrPoint(report.incidentId(), view.verifiedAt(), view.mttrMillis(), view.verdict()));
        }
        if (report.verdict() == Verdict.CONSISTENT && view.verifiedAt() != null) {
            consistentAt.merge(report.clusterId(), view.verifiedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
        changed(report.incidentId(), incident -> incident.report(report));
        publish("report", view);
        ClusterSpec spec = clusters.get(report.clusterId());
        if (spec != null) {
            publish("cluster", clusterView(spec));
        }
    }

    public synchronized void deadLetter(Views.DeadLetter deadLetter) {
        bounded(deadLetters, deadLetter);
        publish("dlq", deadLetter);
    }

    public synchronized List<Views.Cluster> clusters() {
        return clusters.values().stream().map(this::clusterView).toList();
    }

    /** The incidents, newest first. */
    public synchronized List<Views.Incident> incidents() {
        List<Views.Incident> views = new ArrayList<>(incidents.values().stream().map(IncidentRecord::view).toList());
        java.util.Collections.reverse(views);
        return views;
    }

    /** The reports, newest first. */
    public synchronized List<Views.Report> reports() {
        return List.copyOf(reports);
    }

    /** The dead letters, newest first. */
    public synchronized List<Views.DeadLetter> deadLetters() {
        return List.copyOf(deadLetters);
    }

    /**
     * HEALTHY after a RECOVERED, or when a CONSISTENT report of the cluster was verified after the fault (a fault the
     * detector never sees end, e.g. an alert's, is behind the recovery that report verified); FAULTY otherwise.
     */
    private static String health(FaultEvent last, Instant consistentAt) {
        boolean behindAReport = consistentAt != null && last.observedAt().isBefore(consistentAt);
        return last.isRecovery() || behindAReport ? "HEALTHY" : "FAULTY";
    }

    private Views.Cluster clusterView(ClusterSpec spec) {
        Map<String, FaultEvent> faults = lastFaults.getOrDefault(spec.id(), Map.of());
        Instant verified = consistentAt.get(spec.id());
        List<Views.Member> members = new ArrayList<>();
        for (NodeSpec node : spec.nodes()) {
            FaultEvent last = faults.get(node.id());
            members.add(last == null ? new Views.Member(node.id(), "NO_FAULT", null, null, null)
                    : new Views.Member(node.id(), health(last, verified), last.kind().name(), last.observedAt(),
                            last.source()));
        }
        List<Views.MttrPoint> points = new ArrayList<>(mttr.getOrDefault(spec.id(), new ArrayDeque<>()));
        java.util.Collections.reverse(points);
        return new Views.Cluster(spec.id(), spec.kind().name(), members, points);
    }

    private IncidentRecord incident(String incidentId, String clusterId) {
        return incidents.computeIfAbsent(incidentId, id -> new IncidentRecord(id, clusterId));
    }

    private void changed(String incidentId, Consumer<IncidentRecord> change) {
        IncidentRecord incident = incidentId == null ? null : incidents.get(incidentId);
        if (incident != null) {
            change.accept(incident);
            publish("incident", incident.view());
        }
    }

    /** Drops the oldest ended incident (the oldest one when none ended) while there are more than {@code recent}. */
    private void evict() {
        while (incidents.size() > recent) {
            String victim = incidents.entrySet().stream().filter(entry -> !entry.getValue().open())
                    .map(Map.Entry::getKey).findFirst().orElse(incidents.keySet().iterator().next());
            incidents.remove(victim);
            for (Iterator<Map.Entry<String, String>> it = incidentOfPlan.entrySet().iterator(); it.hasNext(); ) {
                if (it.next().getValue().equals(victim)) {
                    it.remove();
                }
            }
        }
    }

    /** Adds {@code item} first, dropping the oldest past {@code recent}. */
    private <T> void bounded(Deque<T> items, T item) {
        items.addFirst(item);
        while (items.size() > recent) {
            items.removeLast();
        }
    }

    private void publish(String type, Object data) {
        ConsoleEvent event = new ConsoleEvent(type, data);
        subscribers.forEach(subscriber -> subscriber.accept(event));
    }
}
