package dev.revive.targets.generic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.revive.contracts.cluster.CheckSpec;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import dev.revive.targets.kind.ProbeResult.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Asks one node one declared check, bounded by the call timeout: an HTTP GET (JDK client, JSON pointer field),
 * a TCP connect, a four-letter word over TCP (reply read to EOF, bounded size), or a command started from its
 * argument list without a shell. Failures are classified by exception type: refused, timed out, or answered
 * in another form than declared. Never throws for a node.
 */
public final class NodeAsker {

    /** The most of an answer that is read; the rest is ignored. */
    static final int MAX_ANSWER = 64 * 1024;
    /** The most of a value that is kept as evidence. */
    private static final int MAX_VALUE = 300;

    private final Duration callTimeout;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final CommandRunner commands;

    public NodeAsker(Duration callTimeout) {
        this.callTimeout = callTimeout;
        this.http = HttpClient.newBuilder().connectTimeout(callTimeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.commands = new CommandRunner(callTimeout, MAX_ANSWER);
    }

    /** The node's answer to {@code check}. */
    public NodeAnswer ask(NodeSpec node, CheckSpec check) {
        try {
            String value = clip(field(check, answer(node, check)).trim());
            boolean matches = check.expect() == null || Pattern.compile(check.expect()).matcher(value).matches();
            return NodeAnswer.answered(node.id(), value, matches);
        } catch (TargetException e) {
            return NodeAnswer.failed(node.id(), outcome(e.kind()), e.getMessage());
        }
    }

    private String answer(NodeSpec node, CheckSpec check) {
        URI endpoint = URI.create(check.endpoint().equals("peer") && node.endpoints().peer() != null
                ? node.endpoints().peer() : node.endpoints().client());
        return switch (check.type()) {
            case HTTP -> httpGet(endpoint, check);
            case TCP -> connect(endpoint);
            case FOUR_LETTER -> fourLetter(endpoint, check.send());
            case COMMAND -> commands.run(check.command(), check.exitCode());
        };
    }

    private String field(CheckSpec check, String answer) {
        if (check.field() == null || check.type() == CheckSpec.Type.TCP) {
            return answer;
        }
        if (check.type() == CheckSpec.Type.HTTP) {
            return jsonField(answer, check.field());
        }
        return FourLetterAnswer.field(answer, check.field())
                .orElseThrow(() -> new TargetException(Kind.FAILED, "no field '" + check.field() + "' in the answer"));
    }

    private String httpGet(URI endpoint, CheckSpec check) {
        URI uri = URI.create("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme())
                ? endpoint.getScheme() + "://" + endpoint.getHost() + ":" + endpoint.getPort() + check.path()
                : "http://" + endpoint.getHost() + ":" + endpoint.getPort() + check.path());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(callTimeout).GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(MAX_ANSWER), StandardCharsets.UTF_8);
            }
            if (response.statusCode() != check.status()) {
                throw new TargetException(Kind.FAILED, "GET " + uri + ": status " + response.statusCode()
                        + ", expected " + check.status());
            }
            return body;
        } catch (HttpTimeoutException e) {
            throw new TargetException(Kind.TIMEOUT, "GET " + uri + ": no answer within " + callTimeout, e);
        } catch (ConnectException e) {
            throw new TargetException(Kind.REFUSED, "GET " + uri + ": connection refused", e);
        } catch (IOException e) {
            throw classify("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, "GET " + uri + ": interrupted", e);
        }
    }

    private String jsonField(String body, String pointer) {
        JsonNode value;
        try {
            value = json.readTree(body).at(pointer);
        } catch (IOException | IllegalArgumentException e) {
            throw new TargetException(Kind.FAILED, "the answer is not JSON with pointer " + pointer + ": "
                    + e.getMessage(), e);
        }
        if (value.isMissingNode()) {
            throw new TargetException(Kind.FAILED, "no field " + pointer + " in the answer");
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private String connect(URI endpoint) {
        try (Socket socket = open(endpoint)) {
            return "connected";
        } catch (IOException e) {
            throw classify("connect " + address(endpoint), e);
        }
    }

    private String fourLetter(URI endpoint, String word) {
        long deadline = System.nanoTime() + callTimeout.toNanos();
        try (Socket socket = open(endpoint)) {
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return readToEnd(socket, deadline);
        } catch (IOException e) {
            throw classify("'" + word + "' to " + address(endpoint), e);
        }
    }

    /** Reads the reply until the node closes the connection, at most {@link #MAX_ANSWER} bytes, within the deadline. */
    private String readToEnd(Socket socket, long deadline) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[MAX_ANSWER];
        int length = 0;
        while (length < buffer.length) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new SocketTimeoutException("no end of answer within " + callTimeout);
            }
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                break;
            }
            length += read;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private Socket open(URI endpoint) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), (int) callTimeout.toMillis());
            socket.setSoTimeout((int) callTimeout.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private TargetException classify(String call, IOException e) {
        if (e instanceof ConnectException) {
            return new TargetException(Kind.REFUSED, call + ": connection refused", e);
        }
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return new TargetException(Kind.TIMEOUT, call + ": no answer within " + callTimeout, e);
        }
        return new TargetException(Kind.FAILED, call + ": " + e, e);
    }

    static Outcome outcome(Kind kind) {
        return switch (kind) {
            case REFUSED -> Outcome.REFUSED;
            case TIMEOUT -> Outcome.TIMEOUT;
            case FAILED, LOCAL -> Outcome.FAILED;
        };
    }

    private static String address(URI endpoint) {
        return endpoint.getHost() + ":" + endpoint.getPort();
    }

    private static String clip(String value) {
        return value.length() <= MAX_VALUE ? value : value.substring(0, MAX_VALUE) + "…";
    }
}
