package dev.revive.planner.domain;

/**
 * One move of an incident, for the log.
 *
 * @param incidentId the incident
 * @param from       its state before, or null when it was just created
 * @param to         its state after
 * @param why        the reason, in words
 */
public record Transition(String incidentId, IncidentState from, IncidentState to, String why) {
}
