package dev.revive.console;

/**
 * One change of the console's model, as the {@code /api/events} stream sends it: {@code type} is {@code incident},
 * {@code cluster}, {@code report} or {@code dlq}, {@code data} the new view of what changed ({@code hello} with no
 * data when a stream starts).
 *
 * @param type what changed
 * @param data its view now
 */
public record ConsoleEvent(String type, Object data) {
}
