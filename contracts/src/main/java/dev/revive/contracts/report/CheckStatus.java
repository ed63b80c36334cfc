package dev.revive.contracts.report;

/** The result of one verification check. */
public enum CheckStatus {
    PASS,
    FAIL,
    /** The check could not be carried out (e.g. a member did not answer). */
    ERROR,
    SKIPPED
}
