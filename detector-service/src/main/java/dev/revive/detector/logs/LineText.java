package dev.revive.detector.logs;

/** Makes a log line safe to carry as evidence: control characters escaped, cut to a bound. */
public final class LineText {

    /** The most characters of a line carried as evidence. */
    public static final int MAX_CHARS = 1_000;

    private LineText() {
    }

    /** {@code line} with control characters escaped ({@code \t}, {@code \r}, {@code \u001b}…), cut to {@link #MAX_CHARS}. */
    public static String evidence(String line) {
        StringBuilder text = new StringBuilder(Math.min(line.length(), MAX_CHARS) + 16);
        for (int i = 0; i < line.length() && text.length() < MAX_CHARS; i++) {
            char c = line.charAt(i);
            switch (c) {
                case '\t' -> text.append("\\t");
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                default -> {
                    if (Character.isISOControl(c)) {
                        text.append(String.format("\\u%04x", (int) c));
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_CHARS) {
            text.setLength(MAX_CHARS);
        }
        if (text.length() > 0 && Character.isHighSurrogate(text.charAt(text.length() - 1))) {
            text.setLength(text.length() - 1);
        }
        return text.toString();
    }
}
