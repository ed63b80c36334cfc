package dev.revive.targets.etcd.replace;

import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.etcd.LiveMember;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The start arguments of a replaced member's first start: its spec's command with {@code --initial-cluster-state
 * existing} and {@code --initial-cluster} set to the live membership (each member's name, or for a member that has
 * not started yet the spec node with its peer URL, and its peer URLs). The flags are replaced where the command has
 * them ({@code --flag value}, {@code --flag=value}, one dash or two) and appended where it has not. Nothing comes from
 * an event: the command is the spec's, the membership etcd's own answer.
 */
public final class RejoinArguments {

    static final String STATE = "initial-cluster-state";
    static final String CLUSTER = "initial-cluster";

    private RejoinArguments() {
    }

    /** The rejoin command of {@code node}, from {@code command} (its spec's) and the {@code live} member list. */
    public static List<String> derive(List<String> command, ClusterSpec spec, List<LiveMember> live) {
        List<String> argv = new ArrayList<>(command);
        set(argv, STATE, "existing");
        set(argv, CLUSTER, initialCluster(spec, live));
        return List.copyOf(argv);
    }

    /** {@code m0=http://a:2380,m1=http://b:2380}: every live member with each of its peer URLs. */
    public static String initialCluster(ClusterSpec spec, List<LiveMember> live) {
        List<String> entries = new ArrayList<>();
        for (LiveMember member : live) {
            String name = name(spec, member);
            member.peerUrls().forEach(url -> entries.add(name + "=" + url));
        }
        return String.join(",", entries);
    }

    private static String name(ClusterSpec spec, LiveMember member) {
        if (!member.name().isEmpty()) {
            return member.name();
        }
        return spec.nodes().stream().filter(node -> member.peerUrls().contains(node.endpoints().peer()))
                .map(NodeSpec::id).findFirst().orElse("member-" + Long.toHexString(member.id()));
    }

    private static void set(List<String> argv, String flag, String value) {
        Optional<Integer> at = position(argv, flag);
        if (at.isEmpty()) {
            argv.add("--" + flag);
            argv.add(value);
            return;
        }
        int index = at.get();
        String argument = argv.get(index);
        if (argument.contains("=")) {
            argv.set(index, argument.substring(0, argument.indexOf('=') + 1) + value);
        } else if (index + 1 < argv.size()) {
            argv.set(index + 1, value);
        } else {
            argv.add(value);
        }
    }

    /** Where {@code flag} is given (after the executable), in any of etcd's spellings. */
    private static Optional<Integer> position(List<String> argv, String flag) {
        for (int i = 1; i < argv.size(); i++) {
            String argument = argv.get(i);
            String bare = argument.startsWith("--") ? argument.substring(2)
                    : argument.startsWith("-") ? argument.substring(1) : null;
            if (bare != null && (bare.equals(flag) || bare.startsWith(flag + "="))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
