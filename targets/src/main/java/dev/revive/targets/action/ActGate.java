package dev.revive.targets.action;

/**
 * The last check before a handler acts on a node: asked right before every driver verb that changes it
 * (SIGTERM, SIGKILL, removing temp files, starting a process). The executor wires it to its fence, so that
 * an executor that paused after its step was admitted, and lost its lock meanwhile, does not act.
 */
@FunctionalInterface
public interface ActGate {

    /** A gate that always admits: for dry runs, tests and callers without a lock. */
    ActGate OPEN = () -> true;

    /** Whether the handler may act now; false means it must return without acting. */
    boolean admits();
}
