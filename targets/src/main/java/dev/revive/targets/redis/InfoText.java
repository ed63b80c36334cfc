package dev.revive.targets.redis;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code field:value} lines of a Redis INFO answer, by field; section headers and blank lines are skipped. */
final class InfoText {

    private InfoText() {
    }

    static Map<String, String> fields(String info) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (info == null) {
            return fields;
        }
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (line.isBlank() || line.startsWith("#") || colon < 1) {
                continue;
            }
            fields.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return fields;
    }

    static long number(Map<String, String> fields, String field, long absent) {
        String value = fields.get(field);
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return absent;
        }
    }

    /** The comma-separated {@code key=value} pairs of one INFO value ({@code slave0:ip=…,port=…}). */
    static Map<String, String> pairs(String value) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                pairs.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return pairs;
    }
}
