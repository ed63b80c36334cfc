package dev.revive.executor;

import dev.revive.contracts.validation.Check;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Resolves this executor's id: the configured one, or {@code executor-<host>-<pid>}, always a valid id. */
public final class ExecutorIdentity {

    private static final int MAX_HOST = 64;

    private ExecutorIdentity() {
    }

    /** The configured id, checked, or the default built from {@code host} and {@code pid}. */
    public static String resolve(Optional<String> configured, String host, long pid) {
        if (configured.isPresent()) {
            return Check.id("revive.executor.id", configured.get().trim());
        }
        String safeHost = host.replaceAll("[^A-Za-z0-9_-]+", "-");
        safeHost = safeHost.length() > MAX_HOST ? safeHost.substring(0, MAX_HOST) : safeHost;
        return Check.id("revive.executor.id", "executor-" + (safeHost.isEmpty() ? "host" : safeHost) + "-" + pid);
    }

    /** The id of this process: configured, or from the local host name and pid. */
    public static String resolve(Optional<String> configured) {
        return resolve(configured, hostName(), ProcessHandle.current().pid());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
