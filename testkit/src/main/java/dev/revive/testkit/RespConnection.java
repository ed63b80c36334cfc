package dev.revive.testkit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain, bounded RESP2 connection to one Redis server for the kit's own use (fixture readiness, the test writer):
 * connect and every reply bounded by one timeout. Replies: a status or bulk string as {@link String}, an integer as
 * {@link Long}, an array as {@link List}, a nil as null; an error reply throws {@link ErrorReply}.
 */
public final class RespConnection implements AutoCloseable {

    /** An error reply ({@code -ERR …}) from the server. */
    public static final class ErrorReply extends RuntimeException {
        ErrorReply(String message) {
            super(message);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RespConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = new BufferedOutputStream(socket.getOutputStream());
    }

    /** Connects to {@code host}:{@code port} within {@code timeout}; every reply is awaited that long at most. */
    public static RespConnection open(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RespConnection(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Sends one command and reads its reply. */
    public Object call(String... args) throws IOException {
        out.write(encode(args));
        out.flush();
        return read();
    }

    /** Sends every command at once, then reads their replies in order (an error reply is returned, not thrown). */
    public List<Object> pipeline(List<String[]> commands) throws IOException {
        for (String[] command : commands) {
            out.write(encode(command));
        }
        out.flush();
        List<Object> replies = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            try {
                replies.add(read());
            } catch (ErrorReply e) {
                replies.add(e);
            }
        }
        return replies;
    }

    /** The RESP2 bytes of a command: what it costs on the wire and in a replication stream. */
    public static byte[] encode(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(bytes, "*" + args.length + "\r\n");
        for (String arg : args) {
            byte[] value = arg.getBytes(StandardCharsets.UTF_8);
            write(bytes, "$" + value.length + "\r\n");
            bytes.write(value, 0, value.length);
            write(bytes, "\r\n");
        }
        return bytes.toByteArray();
    }

    private static void write(ByteArrayOutputStream bytes, String text) {
        byte[] raw = text.getBytes(StandardCharsets.US_ASCII);
        bytes.write(raw, 0, raw.length);
    }

    private Object read() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("the server closed the connection");
        }
        String line = line();
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new ErrorReply(line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(Integer.parseInt(line));
            case '*' -> array(Integer.parseInt(line));
            default -> throw new IOException("not a RESP reply type: " + (char) type);
        };
    }

    private String bulk(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] value = in.readNBytes(length + 2);
        if (value.length < length + 2) {
            throw new EOFException("the server closed the connection inside a reply");
        }
        return new String(value, 0, length, StandardCharsets.UTF_8);
    }

    private List<Object> array(int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(read());
        }
        return items;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        for (int next = in.read(); next >= 0; next = in.read()) {
            if (previous == '\r' && next == '\n') {
                byte[] raw = line.toByteArray();
                return new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8);
            }
            line.write(next);
            previous = next;
        }
        throw new EOFException("the server closed the connection inside a reply");
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
