package dev.revive.targets.lb;

import dev.revive.contracts.validation.Check;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * HAProxy's runtime API (the {@code stats socket}), the one adapter for it: on a unix socket (an absolute path) or
 * {@code tcp://host:port}, one command per connection (HAProxy answers and closes it), the whole call — connect,
 * send, read until HAProxy closes — bounded by one deadline. Commands are built only from the spec's backend and
 * server names, each checked against {@link Check#ID} before anything is sent, so that no name can carry a second
 * command (HAProxy splits commands on {@code ;}) or a newline.
 *
 * <p>{@code set server <backend>/<server> …} answers nothing on success and a sentence on error
 * ({@code No such server.}); {@code show servers state <backend>} answers format version {@code 1}, a {@code #}
 * header naming the columns, and one line per server — anything else is an error sentence.
 */
public final class HAProxyRuntimeApi implements LoadBalancer {

    private static final int MAX_ANSWER = 1 << 18;
    private static final int MAX_ERROR_TEXT = 200;
    /** {@code CHK_ST_ENABLED} of {@code srv_check_state}: the server's health check is enabled. */
    private static final int CHECK_ENABLED = 0x04;

    private final String runtimeApi;
    private final Duration timeout;

    /**
     * @param runtimeApi an absolute unix socket path or {@code tcp://host:port}, from the spec
     * @param timeout    the bound of each whole call
     */
    public HAProxyRuntimeApi(String runtimeApi, Duration timeout) {
        this.runtimeApi = runtimeApi;
        this.timeout = timeout;
    }

    @Override
    public ServerState state(String backend, String server) {
        name("server", server);
        String answer = call("show servers state " + name("backend", backend));
        List<String> lines = Arrays.stream(answer.split("\n")).map(String::strip).filter(line -> !line.isEmpty())
                .toList();
        if (lines.size() < 2 || !lines.get(0).equals("1") || !lines.get(1).startsWith("# ")) {
            throw new TargetException(Kind.FAILED, "HAProxy at " + runtimeApi + " answered 'show servers state "
                    + backend + "' with: " + excerpt(answer));
        }
        List<String> header = List.of(lines.get(1).substring(2).split(" "));
        int name = column(header, "srv_name");
        int admin = column(header, "srv_admin_state");
        int operational = column(header, "srv_op_state");
        int check = column(header, "srv_check_state");
        return lines.stream().skip(2).filter(line -> !line.startsWith("#")).map(line -> line.split(" "))
                .filter(fields -> fields.length == header.size() && fields[name].equals(server))
                .map(fields -> parse(backend, server, fields[admin], fields[operational], fields[check]))
                .findFirst()
                .orElseThrow(() -> new TargetException(Kind.FAILED, "backend " + backend + " of HAProxy at "
                        + runtimeApi + " has no server " + server));
    }

    /**
     * {@code set server <backend>/<server> state maint|ready}. A server with an enabled health check that is not
     * ready goes back through {@code state drain} (no new traffic, maintenance left), {@code health down} and
     * {@code state ready}, so that it takes traffic only once its own check passes: HAProxy brings a server that
     * leaves maintenance back UP at once and lets its checks take it down only after {@code fall} failures, and
     * for that while a Redis replica behind a primary-only check would take clients (measured: about 400 ms with
     * {@code inter 200ms fall 2}).
     */
    @Override
    public void set(String backend, String server, AdminState state) {
        String target = name("backend", backend) + "/" + name("server", server);
        if (state == AdminState.READY) {
            ServerState now = state(backend, server);
            if (!now.ready() && now.checked()) {
                command(target, "state drain");
                command(target, "health down");
            }
        }
        command(target, "state " + state.word());
    }

    private void command(String target, String change) {
        String answer = call("set server " + target + " " + change);
        if (!answer.isBlank()) {
            throw new TargetException(Kind.FAILED, "HAProxy at " + runtimeApi + " refused to set " + target + " "
                    + change + ": " + excerpt(answer));
        }
    }

    @Override
    public String address() {
        return runtimeApi;
    }

    /**
     * Sends one command and reads the answer until HAProxy closes the connection, all within the timeout.
     *
     * @throws TargetException REFUSED when nothing accepts the connection, TIMEOUT when the call outlasts the
     *                         timeout, FAILED when the connection breaks after it was made
     */
    private String call(String command) {
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean connected = false;
        SocketAddress address = addressOf();
        try (SocketChannel channel = open(address); Selector selector = Selector.open()) {
            channel.configureBlocking(false);
            if (!channel.connect(address)) {
                await(channel, selector, SelectionKey.OP_CONNECT, deadline, command);
                channel.finishConnect();
            }
            connected = true;
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                if (channel.write(out) == 0) {
                    await(channel, selector, SelectionKey.OP_WRITE, deadline, command);
                }
            }
            ByteBuffer in = ByteBuffer.allocate(MAX_ANSWER);
            while (true) {
                int read = channel.read(in);
                if (read < 0) {
                    return new String(in.array(), 0, in.position(), StandardCharsets.UTF_8);
                }
                if (!in.hasRemaining()) {
                    throw new TargetException(Kind.FAILED, "HAProxy at " + runtimeApi + " answered '" + command
                            + "' with more than " + MAX_ANSWER + " bytes");
                }
                if (read == 0) {
                    await(channel, selector, SelectionKey.OP_READ, deadline, command);
                }
            }
        } catch (IOException e) {
            throw connected
                    ? new TargetException(Kind.FAILED, "the connection to HAProxy's runtime API at " + runtimeApi
                            + " broke during '" + command + "': " + e.getMessage(), e)
                    : new TargetException(Kind.REFUSED, "nothing accepts connections at HAProxy's runtime API "
                            + runtimeApi + " (" + e.getMessage() + "); is HAProxy running?", e);
        }
    }

    private static SocketChannel open(SocketAddress address) throws IOException {
        return address instanceof UnixDomainSocketAddress ? SocketChannel.open(StandardProtocolFamily.UNIX)
                : SocketChannel.open();
    }

    private void await(SocketChannel channel, Selector selector, int operation, long deadline, String command)
            throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        SelectionKey key = channel.register(selector, operation);
        if (left <= 0 || selector.select(left) == 0) {
            throw new TargetException(Kind.TIMEOUT, "HAProxy's runtime API at " + runtimeApi + " did not answer '"
                    + command + "' within " + timeout);
        }
        selector.selectedKeys().clear();
        key.interestOps(0);
    }

    /** The socket address of the runtime API; a host name is resolved now, for this call. */
    private SocketAddress addressOf() {
        if (!runtimeApi.startsWith("tcp://")) {
            return UnixDomainSocketAddress.of(runtimeApi);
        }
        String hostPort = runtimeApi.substring("tcp://".length());
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        if (address.isUnresolved()) {
            throw new TargetException(Kind.REFUSED, "cannot resolve the host of HAProxy's runtime API " + runtimeApi);
        }
        return address;
    }

    /** {@code value}, once it is an id: a name HAProxy accepts that carries no second command. */
    private static String name(String what, String value) {
        if (value == null || !Check.ID.matcher(value).matches()) {
            throw new IllegalArgumentException("not a valid " + what + " name for HAProxy's runtime API: '"
                    + value + "'; nothing was sent");
        }
        return value;
    }

    private ServerState parse(String backend, String server, String admin, String operational, String check) {
        try {
            return new ServerState(backend, server, Integer.parseInt(admin),
                    ServerState.Operational.of(Integer.parseInt(operational)),
                    (Integer.parseInt(check) & CHECK_ENABLED) != 0);
        } catch (IllegalArgumentException e) {
            throw new TargetException(Kind.FAILED, "HAProxy at " + runtimeApi + " gave " + backend + "/" + server
                    + " an unknown state (admin " + admin + ", operational " + operational + ")", e);
        }
    }

    private static int column(List<String> header, String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new TargetException(Kind.FAILED, "'show servers state' has no column " + name + ": " + header);
        }
        return index;
    }

    private static String excerpt(String answer) {
        String flat = answer.strip().replaceAll("\\s+", " ");
        return flat.isEmpty() ? "(nothing)" : flat.length() <= MAX_ERROR_TEXT ? "'" + flat + "'"
                : "'" + flat.substring(0, MAX_ERROR_TEXT) + "…'";
    }
}
