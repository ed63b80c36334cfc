package dev.revive.contracts.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the Prometheus rules in {@code deploy/observability} parse, are complete, and query only
 * Revive series that {@link ReviveMetrics} exports.
 */
class ObservabilityFilesTest {

    private static final Pattern REVIVE_SERIES = Pattern.compile("\\brevive_[a-z_]+");
    private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyDashboardPanelQueriesOnlySeriesTheServicesExport() throws IOException {
        JsonNode dashboard = JSON.readTree(observability().resolve("grafana-dashboard.json").toFile());

        List<String> expressions = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(panel.path("title").asText()).isNotBlank();
            assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
            panel.path("targets").forEach(target -> expressions.add(target.path("expr").asText()));
        }

        assertThat(expressions).isNotEmpty().allSatisfy(expr -> assertThat(expr).isNotBlank());
        assertThat(seriesIn(expressions)).isNotEmpty().allSatisfy(series -> assertThat(exported(series))
                .as(series + " is exported by ReviveMetrics").isTrue());
        assertThat(seriesIn(expressions).stream().map(ObservabilityFilesTest::base).collect(Collectors.toSet()))
                .as("every Revive metric has a panel").containsAll(ReviveMetrics.SERIES);
    }

    @Test
    void everyAlertRuleHasExprForLabelsAndAnnotationsOverExportedSeries() throws IOException {
        JsonNode rules = YAML.readTree(observability().resolve("prometheus-rules.yml").toFile());

        List<JsonNode> all = new ArrayList<>();
        rules.path("groups").forEach(group -> group.path("rules").forEach(all::add));

        assertThat(all).isNotEmpty().allSatisfy(rule -> {
            String name = rule.path("alert").asText();
            assertThat(name).isNotBlank();
            assertThat(rule.path("expr").asText()).as(name + " expr").isNotBlank();
            assertThat(rule.path("for").asText()).as(name + " for").matches("\\d+[smh]");
            assertThat(rule.path("labels").path("severity").asText()).as(name + " severity")
                    .isIn("warning", "critical");
            assertThat(rule.path("annotations").path("summary").asText()).as(name + " summary").isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(name + " description")
                    .isNotBlank();
        });
        List<String> expressions = all.stream().map(rule -> rule.path("expr").asText()).toList();
        assertThat(seriesIn(expressions)).allSatisfy(series -> assertThat(exported(series))
                .as(series + " is exported by ReviveMetrics").isTrue());
    }

    private static Set<String> seriesIn(List<String> expressions) {
        return expressions.stream().flatMap(expr -> {
            Matcher matcher = REVIVE_SERIES.matcher(expr);
            List<String> found = new ArrayList<>();
            while (matcher.find()) {
                found.add(matcher.group());
            }
            return found.stream();
        }).collect(Collectors.toSet());
    }

    private static boolean exported(String series) {
        return ReviveMetrics.SERIES.contains(series) || ReviveMetrics.SERIES.contains(base(series));
    }

    private static String base(String series) {
        return HISTOGRAM_SUFFIXES.stream().filter(series::endsWith).findFirst()
                .map(suffix -> series.substring(0, series.length() - suffix.length())).orElse(series);
    }

    private static Path observability() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy").resolve("observability");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no deploy/observability above " + Path.of("").toAbsolutePath());
    }
}
