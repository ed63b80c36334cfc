package dev.revive.contracts.cluster;

import static dev.revive.contracts.Violations.assertViolation;
import static org.assertj.core.api.Assertions.assertThat;

import dev.revive.contracts.json.EventCodec;
import dev.revive.contracts.validation.ContractViolation.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A docker node's control: a container, an optional Engine API endpoint of two shapes, a positive stop timeout. */
class DockerControlTest {

    private static final EventCodec<ControlSpec> CODEC = EventCodec.of(ControlSpec.class);

    @Test
    void readsTheSpecJsonWithEndpointAndStopTimeout() {
        String json = "{\"driver\":\"docker\",\"container\":\"etcd-a\","
                + "\"endpoint\":\"unix:///var/run/docker.sock\",\"stopTimeout\":\"PT10S\"}";

        ControlSpec control = CODEC.decode(json.getBytes(StandardCharsets.UTF_8));

        assertThat(control)
                .isEqualTo(new DockerControl("etcd-a", "unix:///var/run/docker.sock", Duration.ofSeconds(10)));
    }

    @Test
    void onlyTheContainerIsRequiredAndTheStopTimeoutDefaultsToTenSeconds() {
        ControlSpec control = CODEC.decode("{\"driver\":\"docker\",\"container\":\"etcd-a\"}"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(control).isEqualTo(new DockerControl("etcd-a"));
        assertThat(((DockerControl) control).endpoint()).isNull();
        assertThat(((DockerControl) control).stopTimeout()).isEqualTo(ProcessControl.DEFAULT_STOP_TIMEOUT);
    }

    @Test
    void roundTripsThroughJson() {
        DockerControl control = new DockerControl("0123abcd", "tcp://docker.internal:2375", Duration.ofMillis(2500));

        String json = new String(CODEC.encode(control), StandardCharsets.UTF_8);

        assertThat(json).contains("\"driver\":\"docker\"");
        assertThat(CODEC.decode(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(control);
    }

    @ParameterizedTest
    @ValueSource(strings = {"unix:///run/podman/podman.sock", "tcp://127.0.0.1:2375", "tcp://docker-host:2376",
        "tcp://[::1]:2375"})
    void acceptsUnixSocketsAndTcpHostPorts(String endpoint) {
        assertThat(new DockerControl("etcd-a", endpoint, null).endpoint()).isEqualTo(endpoint);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/var/run/docker.sock", "unix://relative.sock", "unix:///var/run/../docker.sock",
        "http://127.0.0.1:2375", "tcp://127.0.0.1", "tcp://127.0.0.1:0", "tcp://127.0.0.1:70000",
        "tcp://host:2375/path", "ssh://user@host", "npipe:////./pipe/docker_engine"})
    void refusesAnyOtherEndpointNamingTheField(String endpoint) {
        assertViolation(() -> new DockerControl("etcd-a", endpoint, null), "endpoint",
                endpoint.isEmpty() ? Reason.MISSING_FIELD : Reason.INVALID_VALUE);
    }

    @Test
    void refusesAnInvalidContainerAndANonPositiveStopTimeout() {
        assertViolation(() -> new DockerControl("../etc"), "container", Reason.INVALID_ID);
        assertViolation(() -> new DockerControl("etcd-a", null, Duration.ZERO), "stopTimeout", Reason.INVALID_VALUE);
    }
}
