package dev.revive.contracts.validation;

/**
 * Makes free text from events and requests safe to log: one log line stays one line. CR, LF and TAB
 * become {@code \r}, {@code \n}, {@code \t}; other control characters and Unicode line or paragraph
 * separators become {@code \}{@code uXXXX}; text past {@link #MAX_CHARS} is cut and says how much was
 * left off. Ids need none of this: the contracts' id rule admits no such character.
 */
public final class LogSafe {

    /** The most characters of a text that reach a log line. */
    public static final int MAX_CHARS = 1_024;

    private LogSafe() {
    }

    /** {@code text} escaped and bounded for a log line; {@code "null"} for null. */
    public static String text(String text) {
        if (text == null) {
            return "null";
        }
        int end = Math.min(text.length(), MAX_CHARS);
        StringBuilder safe = new StringBuilder(end + 16);
        for (int i = 0; i < end; i++) {
            escape(text.charAt(i), safe);
        }
        if (end < text.length()) {
            safe.append("…(+").append(text.length() - end).append(" chars)");
        }
        return safe.toString();
    }

    private static void escape(char c, StringBuilder safe) {
        switch (c) {
            case '\r' -> safe.append("\\r");
            case '\n' -> safe.append("\\n");
            case '\t' -> safe.append("\\t");
            default -> {
                int type = Character.getType(c);
                if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                        || type == Character.PARAGRAPH_SEPARATOR) {
                    safe.append(String.format("\\u%04x", (int) c));
                } else {
                    safe.append(c);
                }
            }
        }
    }
}
