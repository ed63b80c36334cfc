package dev.revive.contracts.cluster;

import dev.revive.contracts.validation.Check;

/**
 * A node run as a Kubernetes pod.
 *
 * @param namespace the namespace
 * @param pod       the pod name
 * @param container the container in the pod, or null for its only one
 */
public record KubernetesControl(String namespace, String pod, String container) implements ControlSpec {

    public KubernetesControl {
        Check.id("namespace", namespace);
        Check.id("pod", pod);
        Check.optionalId("container", container);
    }
}
