package dev.revive.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A network namespace joined to the host by a veth pair on a private /30 ({@code 10.77.a.b+1} on the host side,
 * {@code 10.77.a.b+2} inside), so that a process started in it with {@link #launchPrefix()} can be cut off from
 * everything else and healed again: a real partition, not a kill.
 *
 * <p>{@link #cut()} takes the namespace's end of the pair down: packets from the host to the namespace vanish
 * (connects time out, as behind a dropped link) and the namespace has no route out, while processes inside still
 * reach their own address. {@link #heal()} brings it up again. Needs root and iproute2's {@code ip}; every
 * command runs as an argument list, never through a shell. {@link #close()} deletes the link and the namespace.
 */
public final class NetworkPartition implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkPartition.class);
    private static final List<String> IP_LOCATIONS = List.of("/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip");
    private static final long COMMAND_TIMEOUT_SECONDS = 10;

    private final String ip;
    private final String namespace;
    private final String hostLink;
    private final String namespaceLink;
    private final String hostAddress;
    private final String isolatedAddress;
    private volatile boolean cut;

    private NetworkPartition(String ip, String id, int thirdOctet, int base) {
        this.ip = ip;
        this.namespace = "revive-" + id;
        this.hostLink = "rv" + id + "h";
        this.namespaceLink = "rv" + id + "n";
        this.hostAddress = "10.77." + thirdOctet + "." + (base + 1);
        this.isolatedAddress = "10.77." + thirdOctet + "." + (base + 2);
    }

    /**
     * Creates the namespace, the veth pair and their addresses, all links up.
     *
     * @throws IllegalStateException when {@code ip} is missing or a command fails (not root, no netns support);
     *     nothing is left behind in that case
     */
    public static NetworkPartition create() {
        String ip = IP_LOCATIONS.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst()
            .orElseThrow(() -> new IllegalStateException("iproute2's ip is not installed (looked in "
                + IP_LOCATIONS + ")"));
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] id = new byte[3];
        random.nextBytes(id);
        NetworkPartition partition = new NetworkPartition(ip, HexFormat.of().formatHex(id), random.nextInt(256),
            4 * random.nextInt(64));
        try {
            partition.setUp();
        } catch (RuntimeException e) {
            partition.close();
            throw e;
        }
        LOG.info("network namespace {}: host {} ({}) <-> isolated {} ({})", partition.namespace,
            partition.hostAddress, partition.hostLink, partition.isolatedAddress, partition.namespaceLink);
        return partition;
    }

    /** The namespace's name, e.g. {@code revive-1a2b3c}. */
    public String namespace() {
        return namespace;
    }

    /** The host's address on the pair: processes outside the namespace that the isolated one must reach bind here. */
    public String hostAddress() {
        return hostAddress;
    }

    /** The address inside the namespace, where the isolated process listens. */
    public String isolatedAddress() {
        return isolatedAddress;
    }

    /** The arguments that run a command inside the namespace: {@code ip netns exec <namespace>} (which execs it). */
    public List<String> launchPrefix() {
        return List.of(ip, "netns", "exec", namespace);
    }

    /** True between {@link #cut()} and {@link #heal()}. */
    public boolean isCut() {
        return cut;
    }

    /** Cuts the namespace off: its end of the pair goes down. */
    public void cut() {
        inNamespace("link", "set", namespaceLink, "down");
        cut = true;
        LOG.info("network namespace {} cut off", namespace);
    }

    /** Joins the namespace again: its end of the pair comes up (connections work again within milliseconds). */
    public void heal() {
        inNamespace("link", "set", namespaceLink, "up");
        cut = false;
        LOG.info("network namespace {} healed", namespace);
    }

    /** Deletes the pair and the namespace; safe to call more than once. Kill the processes inside first. */
    @Override
    public void close() {
        for (List<String> command : List.of(List.of(ip, "link", "del", hostLink),
                List.of(ip, "netns", "del", namespace))) {
            try {
                run(command);
            } catch (RuntimeException e) {
                LOG.debug("cleanup of {}: {}", namespace, e.getMessage());
            }
        }
    }

    @Override
    public String toString() {
        return "NetworkPartition[" + namespace + " " + hostAddress + " <-> " + isolatedAddress + "]";
    }

    private void setUp() {
        run(List.of(ip, "netns", "add", namespace));
        run(List.of(ip, "link", "add", hostLink, "type", "veth", "peer", "name", namespaceLink));
        run(List.of(ip, "link", "set", namespaceLink, "netns", namespace));
        run(List.of(ip, "addr", "add", hostAddress + "/30", "dev", hostLink));
        run(List.of(ip, "link", "set", hostLink, "up"));
        inNamespace("addr", "add", isolatedAddress + "/30", "dev", namespaceLink);
        inNamespace("link", "set", namespaceLink, "up");
        inNamespace("link", "set", "lo", "up");
    }

    private void inNamespace(String... ipArguments) {
        List<String> command = new ArrayList<>(List.of(ip, "-n", namespace));
        command.addAll(List.of(ipArguments));
        run(command);
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output;
            try (InputStream out = process.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command + " failed (exit " + process.exitValue() + "): " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }
}
