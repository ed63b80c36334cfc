package dev.revive.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain TCP servers on free loopback ports, each answering every connection with its name and a newline, then
 * closing it: backends for an {@link HAProxy} that need no real system, and a way to see which server a connection
 * through a frontend reached ({@link #nameThrough}).
 */
public final class NamedTcpServers implements AutoCloseable {

    private final Map<String, ServerSocket> sockets;
    private final List<Thread> acceptors = new ArrayList<>();

    private NamedTcpServers(Map<String, ServerSocket> sockets) {
        this.sockets = sockets;
    }

    /** Starts one server per name, each on its own free loopback port. */
    public static NamedTcpServers start(String... names) {
        Map<String, ServerSocket> sockets = new LinkedHashMap<>();
        NamedTcpServers servers = new NamedTcpServers(sockets);
        try {
            for (String name : names) {
                ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                sockets.put(name, socket);
                Thread acceptor = new Thread(() -> serve(name, socket), "named-tcp-" + name);
                acceptor.setDaemon(true);
                acceptor.start();
                servers.acceptors.add(acceptor);
            }
            return servers;
        } catch (IOException e) {
            servers.close();
            throw new UncheckedIOException("cannot listen on a loopback port", e);
        }
    }

    /** Server name → its port on 127.0.0.1, in the order they were started. */
    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        sockets.forEach((name, socket) -> ports.put(name, socket.getLocalPort()));
        return Collections.unmodifiableMap(ports);
    }

    /**
     * Connects to 127.0.0.1:{@code port} and reads one line: the name of the server the connection reached, or
     * empty when the connection was closed without one (e.g. a load balancer with no server to send it to).
     *
     * @throws UncheckedIOException when nothing listens or nothing is read within {@code timeout}
     */
    public static String nameThrough(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            InputStream in = socket.getInputStream();
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.append((char) b);
            }
            return line.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("no name through 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        sockets.values().forEach(socket -> {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closed either way
            }
        });
        for (Thread acceptor : acceptors) {
            try {
                acceptor.join(Duration.ofSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void serve(String name, ServerSocket socket) {
        byte[] answer = (name + "\n").getBytes(StandardCharsets.US_ASCII);
        while (!socket.isClosed()) {
            try (Socket client = socket.accept(); OutputStream out = client.getOutputStream()) {
                out.write(answer);
                out.flush();
            } catch (SocketException closedOrReset) {
                // the server socket was closed (the loop ends), or a health check hung up early
            } catch (IOException e) {
                // one client failed; keep serving the others
            }
        }
    }
}
