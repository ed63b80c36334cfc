package dev.revive.targets.generic;

import dev.revive.targets.TargetException;
import dev.revive.targets.TargetException.Kind;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a declared check command from its argument list, never through a shell, with no input, bounded by the
 * call timeout (then killed). Standard output and error together are kept up to a cap; the rest is read and
 * dropped, so a chatty command never blocks on a full pipe.
 */
final class CommandRunner {

    private static final File NO_INPUT = new File("/dev/null");

    private final Duration timeout;
    private final int maxOutput;

    CommandRunner(Duration timeout, int maxOutput) {
        this.timeout = timeout;
        this.maxOutput = maxOutput;
    }

    /** Runs {@code argv}; returns its output when it exits with {@code exitCode}. */
    String run(List<String> argv, int exitCode) {
        Process process;
        try {
            process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(NO_INPUT)).start();
        } catch (IOException e) {
            throw new TargetException(Kind.FAILED, "cannot start " + argv.get(0) + ": " + e.getMessage(), e);
        }
        FutureTask<String> output = new FutureTask<>(() -> drain(process.getInputStream()));
        Thread reader = new Thread(output, "check-command-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TargetException(Kind.TIMEOUT, argv.get(0) + " did not exit within " + timeout);
            }
            String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (process.exitValue() != exitCode) {
                throw new TargetException(Kind.FAILED, argv.get(0) + " exited with " + process.exitValue()
                        + ", expected " + exitCode);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TargetException(Kind.TIMEOUT, argv.get(0) + ": interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new TargetException(Kind.FAILED, argv.get(0) + ": output not readable: " + e, e);
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private String drain(InputStream in) throws IOException {
        try (in) {
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                kept.write(buffer, 0, Math.max(0, Math.min(read, maxOutput - kept.size())));
            }
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
