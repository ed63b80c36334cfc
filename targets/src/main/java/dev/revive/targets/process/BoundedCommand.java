package dev.revive.targets.process;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a local command from its argument list, never through a shell, with no input, bounded by a timeout (then
 * it and its descendants are killed). Standard output and error together are kept up to a cap; the rest is read and
 * dropped, so a chatty command never blocks on a full pipe. The one way targets run a program and wait for it.
 */
public final class BoundedCommand {

    private static final File NO_INPUT = new File("/dev/null");

    private final Duration timeout;
    private final int maxOutput;

    /**
     * @param timeout   how long the command may run
     * @param maxOutput how many bytes of its output are kept
     */
    public BoundedCommand(Duration timeout, int maxOutput) {
        this.timeout = timeout;
        this.maxOutput = maxOutput;
    }

    /** How the command ended: its exit code and its kept output. */
    public record Exited(int code, String output) {
    }

    /**
     * Runs {@code argv} with {@code env} added to this process's environment.
     *
     * @throws TargetException {@link Kind#LOCAL} when it cannot be started or its output cannot be read,
     *                         {@link Kind#TIMEOUT} when it does not exit in time or the caller is interrupted
     */
    public Exited run(List<String> argv, Map<String, String> env) {
        String program = argv.get(0);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TargetException(Kind.LOCAL, "cannot start " + program + ": " + e.getMessage(), e);
        }
        FutureTask<String> output = new FutureTask<>(() -> drain(process.getInputStream()));
        Thread reader = new Thread(output, "bounded-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TargetException(Kind.TIMEOUT, program + " did not exit within " + timeout);
            }
            return new Exited(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, program + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TargetException(Kind.LOCAL, program + ": output not readable: " + e, e);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private String drain(InputStream in) throws IOException {
        try (in) {
            byte[] kept = in.readNBytes(maxOutput);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        }
    }
}
