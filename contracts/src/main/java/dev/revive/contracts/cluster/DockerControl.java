package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;

/**
 * A node run as a Docker container.
 *
 * @param container the container name
 */
public record DockerControl(String container) implements ControlSpec {

    public DockerControl {
        Check.id("container", container);
    }
}
