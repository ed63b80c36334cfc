package dev.revive.contracts.validation;

import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Guards used by the compact constructors of every contract record, so that an invalid record
 * cannot exist. Ids end up in process arguments and etcd keys, so they are a security boundary.
 */
public final class Check {

    /** What an id may look like: the same rule for cluster, node, plan, step, fault and report ids. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    /** The longest free-text value (details, reasons, evidence values). */
    public static final int MAX_TEXT = 4_096;
    /** The most entries in a list or map of a record. */
    public static final int MAX_ENTRIES = 256;

    private Check() {
    }

    /** A field that must be present. */
    public static <T> T required(String field, T value) {
        if (value == null) {
            throw new ContractViolation(field, Reason.MISSING_FIELD, "is required");
        }
        return value;
    }

    /**
     * A required id matching {@link #ID} that is not {@code .} and contains no {@code ..}: ids are
     * joined into paths and etcd keys, where those would name the directory itself or its parent.
     */
    public static String id(String field, String value) {
        required(field, value);
        if (!ID.matcher(value).matches()) {
            throw new ContractViolation(field, Reason.INVALID_ID,
                    "must match " + ID.pattern() + " but was '" + abbreviate(value) + "'");
        }
        if (value.equals(".") || value.contains("..")) {
            throw new ContractViolation(field, Reason.INVALID_ID, "must not be '.' or contain '..' but was '" + value + "'");
        }
        return value;
    }

    /** An optional id: null is allowed, anything else as {@link #id}. */
    public static String optionalId(String field, String value) {
        return value == null ? null : id(field, value);
    }

    /** A required, non-blank text of at most {@link #MAX_TEXT} characters. */
    public static String text(String field, String value) {
        required(field, value);
        if (value.isBlank()) {
            throw new ContractViolation(field, Reason.MISSING_FIELD, "must not be blank");
        }
        return optionalText(field, value);
    }

    /** An optional text of at most {@link #MAX_TEXT} characters. */
    public static String optionalText(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new ContractViolation(field, Reason.TOO_LARGE,
                    "is " + value.length() + " characters, the limit is " + MAX_TEXT);
        }
        return value;
    }

    /** A number that must be at least {@code min}. */
    public static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new ContractViolation(field, Reason.INVALID_VALUE, "must be at least " + min + " but was " + value);
        }
        return value;
    }

    /** A number that must lie in {@code [min, max]}. */
    public static long between(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new ContractViolation(field, Reason.INVALID_VALUE,
                    "must be between " + min + " and " + max + " but was " + value);
        }
        return value;
    }

    /** A required duration longer than zero. */
    public static Duration positive(String field, Duration value) {
        required(field, value);
        if (value.isNegative() || value.isZero()) {
            throw new ContractViolation(field, Reason.INVALID_VALUE, "must be positive but was " + value);
        }
        return value;
    }

    /**
     * An immutable copy of a list (null → empty), bounded in size, with every element checked by
     * {@code element} under the field name {@code field[i]}.
     */
    public static <T> List<T> list(String field, List<T> values, BiConsumer<String, T> element) {
        if (values == null) {
            return List.of();
        }
        bounded(field, values.size());
        for (int i = 0; i < values.size(); i++) {
            String path = field + "[" + i + "]";
            T value = required(path, values.get(i));
            element.accept(path, value);
        }
        return List.copyOf(values);
    }

    /** An immutable copy of a list whose elements validate themselves (records), only null-checked. */
    public static <T> List<T> list(String field, List<T> values) {
        return list(field, values, (path, value) -> { });
    }

    /** An immutable copy of a string map (null → empty), bounded in size, keys and values bounded in length. */
    public static Map<String, String> textMap(String field, Map<String, String> values) {
        if (values == null) {
            return Map.of();
        }
        bounded(field, values.size());
        values.forEach((key, value) -> {
            text(field + " key", key);
            required(field + "." + key, value);
            optionalText(field + "." + key, value);
        });
        return Map.copyOf(values);
    }

    /**
     * A required absolute, normalised file system path without {@code ..} segments or NUL
     * characters: paths from a spec are handed to drivers, so nothing may climb out of them.
     */
    public static String absolutePath(String field, String value) {
        text(field, value);
        if (value.indexOf('\0') >= 0) {
            throw new ContractViolation(field, Reason.INVALID_VALUE, "must not contain NUL characters");
        }
        java.nio.file.Path path = java.nio.file.Path.of(value);
        if (!path.isAbsolute() || !path.normalize().equals(path) || value.contains("..")) {
            throw new ContractViolation(field, Reason.INVALID_VALUE,
                    "must be an absolute, normalised path but was '" + abbreviate(value) + "'");
        }
        return value;
    }

    /** An optional path: null is allowed, anything else as {@link #absolutePath}. */
    public static String optionalPath(String field, String value) {
        return value == null ? null : absolutePath(field, value);
    }

    private static void bounded(String field, int size) {
        if (size > MAX_ENTRIES) {
            throw new ContractViolation(field, Reason.TOO_LARGE,
                    "has " + size + " entries, the limit is " + MAX_ENTRIES);
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "…";
    }
}
