package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;
import dev.revive.contracts.validation.ContractViolation;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A node run as an existing Docker container, controlled through the Docker Engine API: Revive stops, kills and
 * starts the container, never creates or removes one.
 *
 * @param container   the container name or id
 * @param endpoint    the Docker Engine API, {@code unix:///absolute/path} or {@code tcp://host:port}; null for the
 *                    process's {@code DOCKER_HOST}, else {@code unix:///var/run/docker.sock} (resolved by the driver)
 * @param stopTimeout how long a graceful stop waits before the engine kills the container (default 10 s)
 */
public record DockerControl(String container, String endpoint, Duration stopTimeout) implements ControlSpec {

    /** The scheme of an endpoint on a local socket. */
    public static final String UNIX = "unix://";
    /** The scheme of an endpoint on a TCP port. */
    public static final String TCP = "tcp://";

    private static final Pattern HOST_PORT = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\\[[0-9A-Fa-f:.]{2,45}\\]):([0-9]{1,5})");
    private static final int MAX_PORT = 65_535;

    public DockerControl {
        Check.id("container", container);
        checkEndpoint(endpoint);
        stopTimeout = Check.positive("stopTimeout",
                stopTimeout == null ? ProcessControl.DEFAULT_STOP_TIMEOUT : stopTimeout);
    }

    /** A container on the default endpoint, with the default stop timeout. */
    public DockerControl(String container) {
        this(container, null, null);
    }

    private static void checkEndpoint(String endpoint) {
        if (endpoint == null) {
            return;
        }
        Check.text("endpoint", endpoint);
        if (endpoint.startsWith(UNIX)) {
            Check.absolutePath("endpoint", endpoint.substring(UNIX.length()));
            return;
        }
        if (endpoint.startsWith(TCP)) {
            var hostPort = HOST_PORT.matcher(endpoint.substring(TCP.length()));
            if (hostPort.matches()) {
                int port = Integer.parseInt(hostPort.group(1));
                if (port >= 1 && port <= MAX_PORT) {
                    return;
                }
            }
        }
        throw new ContractViolation("endpoint", Reason.INVALID_VALUE,
                "must be unix:///absolute/path or tcp://host:port but was '"
                        + (endpoint.length() <= 64 ? endpoint : endpoint.substring(0, 64) + "…") + "'");
    }
}
