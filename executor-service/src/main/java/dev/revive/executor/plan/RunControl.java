package dev.revive.executor.plan;

import java.util.Optional;

/** What the Kafka loop tells a running plan while it runs. */
public interface RunControl {

    /** True when the run must stop before its next step without an outcome (shutdown, partition lost). */
    boolean stopping();

    /**
     * Why the plan was withdrawn (a CANCEL revision of its incident arrived), or empty: the run ends
     * PLAN_CANCELLED before its next acting step.
     */
    Optional<String> withdrawn();

    /** Never stops, never withdrawn. */
    static RunControl none() {
        return of(() -> false, Optional::empty);
    }

    /** A control over two suppliers. */
    static RunControl of(java.util.function.BooleanSupplier stopping,
            java.util.function.Supplier<Optional<String>> withdrawn) {
        return new RunControl() {
            @Override
            public boolean stopping() {
                return stopping.getAsBoolean();
            }

            @Override
            public Optional<String> withdrawn() {
                return withdrawn.get();
            }
        };
    }
}
