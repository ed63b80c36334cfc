package dev.revive.contracts.cluster;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How a node's process is controlled: which driver, and that driver's settings as typed values.
 * Everything an executor runs comes from here and the driver's fixed verbs, never from an event.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "driver")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ProcessControl.class, name = "process"),
    @JsonSubTypes.Type(value = SystemdControl.class, name = "systemd"),
    @JsonSubTypes.Type(value = DockerControl.class, name = "docker"),
    @JsonSubTypes.Type(value = KubernetesControl.class, name = "kubernetes")
})
public sealed interface ControlSpec permits ProcessControl, SystemdControl, DockerControl, KubernetesControl {
}
