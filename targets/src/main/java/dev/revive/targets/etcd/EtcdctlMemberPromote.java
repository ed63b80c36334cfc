package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.process.BoundedCommand;
import dev.revive.targets.security.JetcdSecurity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code etcdctl member promote <id>} (Debian package etcd-client): jetcd 0.8.5 has no member promote (etcd-io/jetcd
 * PR 1500 is open), so Revive asks etcd's own client, from an argument list, bounded. The client security goes in the
 * environment ({@code ETCDCTL_CACERT}, {@code ETCDCTL_CERT}, {@code ETCDCTL_KEY}, {@code ETCDCTL_USER}), never on the
 * command line. etcdctl reports every refusal with the same exit code, so the caller decides what a refusal means
 * from the live member list (still a learner: not in sync yet), never from its text.
 */
final class EtcdctlMemberPromote {

    /** etcdctl's exit code when it cannot reach the endpoint ({@code ExitBadConnection}). */
    private static final int BAD_CONNECTION = 2;
    private static final int MAX_OUTPUT = 4 * 1024;

    private final BoundedCommand command;
    private final Duration callTimeout;
    private final Optional<Path> etcdctl;

    /** @param callTimeout etcdctl's own bound on the call; the process gets twice as long */
    EtcdctlMemberPromote(Duration callTimeout) {
        this.command = new BoundedCommand(callTimeout.multipliedBy(2), MAX_OUTPUT);
        this.callTimeout = callTimeout;
        this.etcdctl = EtcdctlSnapshotStatus.locate();
    }

    /** How a promote ended: accepted, or refused with etcdctl's exit code and output. */
    record Answer(boolean accepted, int exitCode, String output) {
    }

    /**
     * Asks the member at {@code endpoint} to promote the learner {@code memberId}. Throws {@link Kind#LOCAL} when
     * etcdctl cannot be run, {@link Kind#TIMEOUT} when it does not finish, {@link Kind#REFUSED} when it cannot reach
     * the endpoint; any other refusal is an {@link Answer} that is not accepted.
     */
    Answer promote(String endpoint, ClientSecurity security, long memberId) {
        Path program = etcdctl.orElseThrow(() -> new TargetException(Kind.LOCAL, "cannot promote member "
                + Long.toHexString(memberId) + ": etcdctl is not on PATH nor at /usr/bin/etcdctl (install the Debian "
                + "package etcd-client)"));
        BoundedCommand.Exited exited = command.run(List.of(program.toString(), "--endpoints", endpoint,
                "--command-timeout", callTimeout.toMillis() + "ms", "member", "promote", Long.toHexString(memberId)), environment(security));
        if (exited.code() == BAD_CONNECTION) {
            throw new TargetException(Kind.REFUSED, "etcd " + endpoint + " member promote: etcdctl cannot reach it: "
                    + exited.output().strip());
        }
        return new Answer(exited.code() == 0, exited.code(), exited.output().strip());
    }

    private static Map<String, String> environment(ClientSecurity security) {
        Map<String, String> env = new HashMap<>();
        env.put("ETCDCTL_API", "3");
        if (security == null) {
            return env;
        }
        putIfSet(env, "ETCDCTL_CACERT", security.caFile());
        putIfSet(env, "ETCDCTL_CERT", security.certFile());
        putIfSet(env, "ETCDCTL_KEY", security.keyFile());
        if (security.hasUser()) {
            env.put("ETCDCTL_USER", JetcdSecurity.firstLine("username", security.usernameFile()) + ":"
                    + JetcdSecurity.firstLine("password", security.passwordFile()));
        }
        return env;
    }

    private static void putIfSet(Map<String, String> env, String key, String value) {
        if (value != null) {
            env.put(key, value);
        }
    }
}
