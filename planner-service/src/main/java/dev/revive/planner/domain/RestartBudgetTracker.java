package dev.revive.planner.domain;

import dev.revive.contracts.cluster.RestartBudget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The flap breaker (safety rule 5): counts the automatic restarts Revive planned per node in a
 * sliding window. Immutable; {@link #record} returns a new tracker.
 */
public final class RestartBudgetTracker {

    /** The most restart times kept per node (the largest budget a policy may set, plus one). */
    static final int MAX_KEPT = 1_001;

    private final Map<String, List<Instant>> history;

    public RestartBudgetTracker(Map<String, List<Instant>> history) {
        this.history = history == null ? Map.of() : Map.copyOf(history);
    }

    /** How many restarts of {@code nodeId} were planned in the window that ends at {@code now}. */
    public int restartsWithin(String nodeId, RestartBudget budget, Instant now) {
        Instant since = now.minus(budget.window());
        return (int) history.getOrDefault(nodeId, List.of()).stream().filter(at -> at.isAfter(since)).count();
    }

    /** Why one more restart of {@code nodeId} now needs approval, or empty while the budget allows it. */
    public Optional<String> check(String nodeId, RestartBudget budget, Instant now) {
        int done = restartsWithin(nodeId, budget, now);
        if (done < budget.maxRestarts()) {
            return Optional.empty();
        }
        return Optional.of(String.format("restart budget of %s is spent: %d restart(s) within %s, the policy allows %d",
                nodeId, done, budget.window(), budget.maxRestarts()));
    }

    /** A tracker that also counts a restart of {@code nodeId} at {@code at}; times outside the window are dropped. */
    public RestartBudgetTracker record(String nodeId, Instant at, RestartBudget budget) {
        Instant since = at.minus(budget.window());
        List<Instant> times = new ArrayList<>(history.getOrDefault(nodeId, List.of()).stream()
                .filter(time -> time.isAfter(since)).toList());
        times.add(at);
        while (times.size() > MAX_KEPT) {
            times.remove(0);
        }
        Map<String, List<Instant>> next = new TreeMap<>(history);
        next.put(nodeId, List.copyOf(times));
        return new RestartBudgetTracker(next);
    }

    /** The restart times per node, for storing. */
    public Map<String, List<Instant>> history() {
        return history;
    }
}
