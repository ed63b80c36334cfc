package dev.revive.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The kit's own small ZooKeeper four-letter-word client: readiness and leader checks of test ensembles. */
final class FourLetterWords {

    private static final int MAX_ANSWER = 64 * 1024;

    private FourLetterWords() {
    }

    /** The server's answer to {@code word}, or empty when it does not answer within {@code timeout}. */
    static Optional<String> ask(int port, String word, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(word.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return Optional.of(new String(socket.getInputStream().readNBytes(MAX_ANSWER), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The server's {@code zk_server_state} ({@code leader}, {@code follower}, …), if it answers {@code mntr}. */
    static Optional<String> serverState(int port, Duration timeout) {
        return ask(port, "mntr", timeout).flatMap(answer -> answer.lines()
            .filter(line -> line.startsWith("zk_server_state\t"))
            .map(line -> line.substring(line.indexOf('\t') + 1).trim())
            .findFirst());
    }
}
