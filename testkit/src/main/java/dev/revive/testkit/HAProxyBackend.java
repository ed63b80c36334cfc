package dev.revive.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one backend of an {@link HAProxy}: its name, its servers (name → port on 127.0.0.1, in order) and the
 * health check HAProxy runs on each ({@code inter 200ms fall 2 rise 1}).
 *
 * @param name        the backend's name, as a load balancer spec's {@code backend}
 * @param servers     server name → loopback port, in the order they are written
 * @param checkLines  the backend's check directives ({@code option tcp-check} and its {@code tcp-check} rules);
 *                    empty for HAProxy's plain TCP connect check
 */
public record HAProxyBackend(String name, Map<String, Integer> servers, List<String> checkLines) {

    /** HAProxy's own rule for proxy and server names (its configuration manual, section 2.4). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:-]+");

    /**
     * The classic HAProxy-in-front-of-Redis check (haproxy.com, "HAProxy advanced Redis health check"): a server
     * is up only while it answers {@code PING} and {@code INFO replication} says {@code role:master}, so that only
     * the primary gets traffic.
     */
    static final List<String> REDIS_PRIMARY_CHECK = List.of(
        "option tcp-check",
        "tcp-check connect",
        "tcp-check send PING\\r\\n",
        "tcp-check expect string +PONG",
        "tcp-check send info\\ replication\\r\\n",
        "tcp-check expect string role:master",
        "tcp-check send QUIT\\r\\n",
        "tcp-check expect string +OK");

    public HAProxyBackend {
        requireName("backend", name);
        servers = new LinkedHashMap<>(servers);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a backend needs at least one server");
        }
        servers.forEach((server, port) -> {
            requireName("server", server);
            if (port == null || port < 1 || port > 65_535) {
                throw new IllegalArgumentException("server " + server + " has no valid port: " + port);
            }
        });
        servers = java.util.Collections.unmodifiableMap(servers);
        checkLines = List.copyOf(checkLines);
    }

    /** A backend whose servers are up while they accept TCP connections, balanced round robin. */
    public static HAProxyBackend tcp(String name, Map<String, Integer> servers) {
        return new HAProxyBackend(name, servers, List.of());
    }

    /** A backend of Redis nodes that routes only to the primary ({@link #REDIS_PRIMARY_CHECK}). */
    public static HAProxyBackend redisPrimary(String name, Map<String, Integer> servers) {
        return new HAProxyBackend(name, servers, REDIS_PRIMARY_CHECK);
    }

    /** The {@code backend} section. */
    List<String> configLines() {
        List<String> lines = new ArrayList<>();
        lines.add("backend " + name);
        lines.add("    balance roundrobin");
        checkLines.forEach(line -> lines.add("    " + line));
        servers.forEach((server, port) -> lines.add(
            "    server " + server + " 127.0.0.1:" + port + " check inter 200ms fall 2 rise 1"));
        return lines;
    }

    private static void requireName(String what, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid HAProxy " + what + " name: " + value);
        }
    }
}
