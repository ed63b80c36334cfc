package dev.revive.targets.generic;

import java.util.Optional;

/**
 * Reads a field from a four-letter-word answer: {@code key<TAB>value} lines ({@code mntr}) or {@code Key: value}
 * lines ({@code srvr}).
 */
final class FourLetterAnswer {

    private FourLetterAnswer() {
    }

    /** The value of the first line whose key is {@code key}, trimmed. */
    static Optional<String> field(String answer, String key) {
        for (String line : answer.split("\\R")) {
            int tab = line.indexOf('\t');
            int colon = line.indexOf(':');
            int split = tab >= 0 ? tab : colon;
            if (split > 0 && line.substring(0, split).trim().equals(key)) {
                return Optional.of(line.substring(split + 1).trim());
            }
        }
        return Optional.empty();
    }
}
