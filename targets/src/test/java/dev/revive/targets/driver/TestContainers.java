package dev.revive.targets.driver;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse.ContainerState;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.revive.contracts.cluster.DockerControl;
import dev.revive.testkit.containers.DockerEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Containers for the docker driver's tests, created from the local image {@link #IMAGE} (never pulled), named
 * {@code revive-test-driver-*}, and all removed by {@link #close()}, also after a failed test.
 */
final class TestContainers implements AutoCloseable {

    /** The local image every test container runs (built by {@code scripts/build-images base}). */
    static final String IMAGE = "revive/base:bookworm";

    private final String endpoint = DockerEngine.require();
    private final DockerClients clients = new DockerClients(Duration.ofSeconds(3), Duration.ofSeconds(30), Map.of());
    private final List<String> created = new ArrayList<>();

    /** The engine every test container lives on. */
    String endpoint() {
        return endpoint;
    }

    /** A control for {@code container} on the test engine. */
    DockerControl control(String container, Duration stopTimeout) {
        return new DockerControl(container, endpoint, stopTimeout);
    }

    /** Creates (does not start) a container running {@code argv}; answers its name. */
    String create(String... argv) {
        String name = "revive-test-driver-" + UUID.randomUUID().toString().substring(0, 8);
        created.add(name);
        client().createContainerCmd(IMAGE).withName(name).withCmd(argv).exec();
        return name;
    }

    /** Creates and starts a container running {@code argv}; answers its name. */
    String run(String... argv) {
        String name = create(argv);
        client().startContainerCmd(name).exec();
        return name;
    }

    ContainerState state(String name) {
        return client().inspectContainerCmd(name).exec().getState();
    }

    DockerClient client() {
        return clients.client(new DockerControl("unused", endpoint, null));
    }

    @Override
    public void close() {
        try {
            for (String name : created) {
                try {
                    client().removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
                } catch (NotFoundException e) {
                    // never created (the create failed) or already gone
                }
            }
        } finally {
            clients.close();
        }
    }
}
