package dev.revive.contracts.state;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one state-machine idiom of Revive: an enum of states, the moves each state allows, and one
 * guard that throws {@link IllegalTransitionException} on any other move. Incidents, plan runs,
 * steps and probed nodes all use it. Staying in a state is a move only where the table lists it.
 *
 * @param <S> the state enum
 */
public final class TransitionTable<S extends Enum<S>> {

    private final String machine;
    private final Map<S, Set<S>> allowed;

    private TransitionTable(String machine, Map<S, Set<S>> allowed) {
        this.machine = machine;
        this.allowed = allowed;
    }

    /** Starts a table for the states of {@code type}; {@code machine} names it in errors ("incident"). */
    public static <S extends Enum<S>> Builder<S> of(Class<S> type, String machine) {
        return new Builder<>(type, machine);
    }

    /** Whether a machine in {@code from} may move to {@code to}. */
    public boolean allows(S from, S to) {
        return allowed.get(from).contains(to);
    }

    /** The states {@code from} may move to (unmodifiable; empty for a final state). */
    public Set<S> next(S from) {
        return allowed.get(from);
    }

    /** Returns {@code to} when the move is allowed; throws {@link IllegalTransitionException} otherwise. */
    public S ensure(S from, S to) {
        if (!allows(from, to)) {
            throw new IllegalTransitionException(machine, from, to, allowed.get(from));
        }
        return to;
    }

    /** Collects the allowed moves; every state has an entry, terminal ones an empty set. */
    public static final class Builder<S extends Enum<S>> {
        private final Class<S> type;
        private final String machine;
        private final Map<S, Set<S>> allowed;

        private Builder(Class<S> type, String machine) {
            this.type = type;
            this.machine = machine;
            this.allowed = new EnumMap<>(type);
            for (S state : type.getEnumConstants()) {
                allowed.put(state, EnumSet.noneOf(type));
            }
        }

        /** {@code from} may move to each of {@code to}. */
        @SafeVarargs
        public final Builder<S> allow(S from, S... to) {
            allowed.get(from).addAll(Arrays.asList(to));
            return this;
        }

        public TransitionTable<S> build() {
            Map<S, Set<S>> frozen = new EnumMap<>(type);
            allowed.forEach((state, next) -> frozen.put(state, Collections.unmodifiableSet(EnumSet.copyOf(next))));
            return new TransitionTable<>(machine, frozen);
        }
    }
}
