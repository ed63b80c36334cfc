package dev.revive.detector.domain;

/** Asks one node whether it answers; must return within its own timeout and never throw. */
@FunctionalInterface
public interface Probe {

    /** Probes the node at {@code endpoint}. */
    ProbeResult probe(String endpoint);
}
