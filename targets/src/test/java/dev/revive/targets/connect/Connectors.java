package dev.revive.targets.connect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** What the tests do to connectors through the REST API that the plug-in never does: pause one. */
final class Connectors {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    private Connectors() {
    }

    /** {@code PUT /connectors/{name}/pause} on the worker at {@code baseUrl}; it must answer 202. */
    static void pause(String baseUrl, String connector) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/connectors/" + connector + "/pause")).timeout(TIMEOUT)
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("pause of " + connector + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
