package dev.revive.testkit.containers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Bounds the kit's Docker Engine API calls: Testcontainers' client sets no response timeout, so each call runs on
 * another thread and is given up after {@link #TIMEOUT}. The engine's own exceptions (e.g. docker-java's
 * {@code NotFoundException}) reach the caller unchanged, so that callers classify them by type.
 */
final class DockerCalls {

    /** The longest any single call may take (a kill, an inspect, a start, a forced removal). */
    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private DockerCalls() {
    }

    /** The result of {@code call}, named {@code what} in errors. */
    static <T> T bounded(String what, Supplier<T> call) {
        CompletableFuture<T> future = CompletableFuture.supplyAsync(call);
        try {
            return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("the Docker Engine API did not answer " + what + " within " + TIMEOUT, e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause
                : new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + what, e);
        }
    }

    /** Runs {@code call}, named {@code what} in errors. */
    static void run(String what, Runnable call) {
        bounded(what, () -> {
            call.run();
            return null;
        });
    }
}
