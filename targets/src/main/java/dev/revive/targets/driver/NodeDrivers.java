package dev.revive.targets.driver;

import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.runbooks.UnsupportedKindException;
import dev.revive.runbooks.UnsupportedKindException.Side;
import java.util.List;
import java.util.Optional;

/**
 * The registry of node drivers over the sealed {@code ControlSpec}: the one place that lists how
 * Revive can control a node (a local process, a docker container; systemd and kubernetes later).
 */
public final class NodeDrivers {

    private final List<NodeDriver> drivers;

    public NodeDrivers(List<NodeDriver> drivers) {
        this.drivers = List.copyOf(drivers);
    }

    /** Every driver Revive ships: one line per control spec. */
    public static NodeDrivers standard() {
        return new NodeDrivers(List.of(
                new ProcessDriver(),
                new DockerDriver()));
    }

    /** The driver that controls {@code node}, if one does. */
    public Optional<NodeDriver> find(NodeSpec node) {
        return drivers.stream().filter(driver -> driver.supports(node)).findFirst();
    }

    /** The driver that controls {@code node}; throws {@link UnsupportedKindException} (side DRIVER) when none does. */
    public NodeDriver forNode(NodeSpec node) {
        return find(node).orElseThrow(() -> new UnsupportedKindException(Side.DRIVER,
                "node " + node.id() + " controlled by " + node.control().getClass().getSimpleName(),
                "no driver for this control spec yet"));
    }
}
