package dev.revive.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Where the services and Kafka are, and the credentials: options, else the environment ({@code REVIVE_DETECTOR_URL},
 * {@code REVIVE_PLANNER_URL}, {@code REVIVE_API_TOKEN} or {@code REVIVE_API_TOKEN_FILE}, {@code REVIVE_KAFKA_BOOTSTRAP},
 * {@code REVIVE_KAFKA_CONFIG}). The token is never an option: a command line is visible to every user of the host.
 * Mixed into every command that talks to Revive.
 */
public class Connection {

    @Option(names = "--detector", paramLabel = "URL", defaultValue = "${env:REVIVE_DETECTOR_URL:-http://localhost:8181}",
            description = "The detector's REST API (env REVIVE_DETECTOR_URL; default ${DEFAULT-VALUE}).")
    String detector;

    @Option(names = "--planner", paramLabel = "URL", defaultValue = "${env:REVIVE_PLANNER_URL:-http://localhost:8182}",
            description = "The planner's REST API (env REVIVE_PLANNER_URL; default ${DEFAULT-VALUE}).")
    String planner;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "A file holding the bearer token (else env REVIVE_API_TOKEN, the token itself, else env"
                    + " REVIVE_API_TOKEN_FILE).")
    Path tokenFile;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            defaultValue = "${env:REVIVE_KAFKA_BOOTSTRAP:-localhost:9092}",
            description = "Kafka's bootstrap servers (env REVIVE_KAFKA_BOOTSTRAP; default ${DEFAULT-VALUE}).")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:REVIVE_KAFKA_CONFIG}",
            description = "A properties file of Kafka client settings the services use too (security.protocol,"
                    + " sasl.*, ssl.*; env REVIVE_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(names = "--json", description = "Print JSON (one document, or one line per event) for scripts.")
    boolean json;

    /**
     * The bearer token: {@code --token-file}, else {@code REVIVE_API_TOKEN}, else {@code REVIVE_API_TOKEN_FILE}; a
     * usage failure when there is none.
     */
    String token() {
        String fromEnv = System.getenv("REVIVE_API_TOKEN");
        if (tokenFile == null && fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        String fileFromEnv = System.getenv("REVIVE_API_TOKEN_FILE");
        Path file = tokenFile != null ? tokenFile : fileFromEnv == null || fileFromEnv.isBlank() ? null
                : Path.of(fileFromEnv);
        if (file == null) {
            throw new Exit.Failure(Exit.USAGE, "no API token: set REVIVE_API_TOKEN or REVIVE_API_TOKEN_FILE, or pass"
                    + " --token-file");
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new Exit.Failure(Exit.USAGE, "cannot read the token file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The REST client of the planner. */
    Api planner() {
        return new Api(planner, token());
    }

    /** The REST client of the detector. */
    Api detector() {
        return new Api(detector, token());
    }

    /** Kafka, with the services' client settings: bootstrap plus the config file's keys. */
    Kafka kafka() {
        Map<String, Object> settings = new HashMap<>();
        if (kafkaConfig != null) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new Exit.Failure(Exit.USAGE, "cannot read the Kafka config " + kafkaConfig + ": "
                        + e.getMessage(), e);
            }
            properties.stringPropertyNames().forEach(name -> settings.put(name, properties.getProperty(name)));
        }
        settings.put("bootstrap.servers", bootstrap);
        return new Kafka(settings);
    }
}
