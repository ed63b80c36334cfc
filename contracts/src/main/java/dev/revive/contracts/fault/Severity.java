package dev.revive.contracts.fault;

/** How urgent a fault is, highest last. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
