package dev.revive.executor;

import dev.revive.contracts.validation.Check;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Resolves this executor's id: the configured one, or {@code executor-<host>}, always a valid id. The default
 * is stable across restarts of the same instance (no pid, no random part), so that the transactional id derived
 * from it lets a restarted executor fence its predecessor's producer.
 */
public final class ExecutorIdentity {

    private static final int MAX_HOST = 64;

    private ExecutorIdentity() {
    }

    /** The configured id, checked, or the default built from {@code host}. */
    public static String resolve(Optional<String> configured, String host) {
        if (configured.isPresent()) {
            return Check.id("revive.executor.id", configured.get().trim());
        }
        String safeHost = host.replaceAll("[^A-Za-z0-9_-]+", "-");
        safeHost = safeHost.length() > MAX_HOST ? safeHost.substring(0, MAX_HOST) : safeHost;
        return Check.id("revive.executor.id", "executor-" + (safeHost.isEmpty() ? "host" : safeHost));
    }

    /** The id of this process: configured, or from the local host name. */
    public static String resolve(Optional<String> configured) {
        return resolve(configured, hostName());
    }

    /** The local host name, or {@code host} when it cannot be resolved. */
    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "host";
        }
    }
}
