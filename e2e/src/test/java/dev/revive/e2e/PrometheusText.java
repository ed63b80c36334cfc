package dev.revive.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A small parser of the Prometheus text exposition format (version 0.0.4): comment and blank lines are skipped, every
 * other line is a sample {@code name{label="value",...} value [timestamp]} with the label values' escapes
 * ({@code \\}, {@code \"}, {@code \n}) undone. A line that is not a sample is an {@link IllegalArgumentException}.
 */
final class PrometheusText {

    /** One sample: the series name, its labels, its value. */
    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                samples.add(sample(trimmed));
            }
        }
        return new PrometheusText(List.copyOf(samples));
    }

    List<Sample> samples() {
        return samples;
    }

    /** True when a series of this name is exposed, whatever its labels. */
    boolean has(String name) {
        return samples.stream().anyMatch(sample -> sample.name().equals(name));
    }

    /** The sum of the samples of {@code name} whose labels match; 0 when none does (a counter not moved yet). */
    double sum(String name, Predicate<Map<String, String>> labels) {
        return samples.stream().filter(sample -> sample.name().equals(name) && labels.test(sample.labels()))
                .mapToDouble(Sample::value).sum();
    }

    /** The sum of every sample of {@code name}. */
    double sum(String name) {
        return sum(name, labels -> true);
    }

    private static Sample sample(String line) {
        int at = 0;
        while (at < line.length() && (Character.isLetterOrDigit(line.charAt(at)) || line.charAt(at) == '_'
                || line.charAt(at) == ':')) {
            at++;
        }
        if (at == 0) {
            throw new IllegalArgumentException("no metric name: " + line);
        }
        String name = line.substring(0, at);
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at = labels(line, at + 1, labels);
        }
        String[] rest = line.substring(at).strip().split("\\s+");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) {
            throw new IllegalArgumentException("no single value: " + line);
        }
        return new Sample(name, Map.copyOf(labels), value(rest[0]));
    }

    /** Reads {@code key="value",...}} from {@code at}; returns the index after the closing brace. */
    private static int labels(String line, int at, Map<String, String> labels) {
        while (true) {
            if (at >= line.length()) {
                throw new IllegalArgumentException("unclosed labels: " + line);
            }
            if (line.charAt(at) == '}') {
                return at + 1;
            }
            int equals = line.indexOf('=', at);
            if (equals < 0 || equals + 1 >= line.length() || line.charAt(equals + 1) != '"') {
                throw new IllegalArgumentException("label without a quoted value: " + line);
            }
            String key = line.substring(at, equals).strip();
            StringBuilder value = new StringBuilder();
            int i = equals + 2;
            for (; i < line.length() && line.charAt(i) != '"'; i++) {
                char c = line.charAt(i);
                if (c == '\\' && i + 1 < line.length()) {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            if (i >= line.length()) {
                throw new IllegalArgumentException("unclosed label value: " + line);
            }
            labels.put(key, value.toString());
            at = i + 1;
            if (at < line.length() && line.charAt(at) == ',') {
                at++;
            }
        }
    }

    private static double value(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
