package dev.revive.testkit.containers;

import dev.revive.testkit.EtcdMember;
import java.util.ArrayList;
import java.util.List;

/**
 * One member of an {@link EtcdContainerCluster}: the container {@code container} runs the etcd member {@code etcd}
 * (its name, loopback URLs, data dir and command, as the process fixture builds them) on the host's network, with
 * the cluster's directory bind-mounted at the same path.
 *
 * @param container the container's name, {@code revive-test-etcd-<random>-<member>}
 * @param etcd      the member the container runs
 */
public record EtcdContainerMember(String container, EtcdMember etcd) {

    private static final String LOG_OUTPUTS = "--log-outputs";

    /** The etcd member name, e.g. {@code m0}. */
    public String name() {
        return etcd.name();
    }

    /** The client URL on the host's loopback, e.g. {@code http://127.0.0.1:40123}. */
    public String clientUrl() {
        return etcd.clientUrl();
    }

    /**
     * The argv the container runs: the member's command, logging to stderr (the container's log) and appending to
     * its log file on the host, so that every start of the container leaves its line there.
     */
    public List<String> command() {
        List<String> command = new ArrayList<>(etcd.command());
        int outputs = command.indexOf(LOG_OUTPUTS);
        if (outputs < 0) {
            command.addAll(List.of(LOG_OUTPUTS, "stderr," + etcd.logFile()));
        } else {
            command.set(outputs + 1, command.get(outputs + 1) + "," + etcd.logFile());
        }
        return List.copyOf(command);
    }

    @Override
    public String toString() {
        return "EtcdContainerMember[" + name() + " " + container + " " + clientUrl() + "]";
    }
}
