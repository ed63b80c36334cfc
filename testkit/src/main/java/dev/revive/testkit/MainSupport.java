package dev.revive.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Shared run-until-killed behaviour of the kit's {@code main} classes. */
final class MainSupport {

    /** Argument that keeps a main running when its stdin is closed or is {@code /dev/null}. */
    static final String IGNORE_STDIN = "--ignore-stdin";

    private MainSupport() {
    }

    static boolean watchesStdin(List<String> args) {
        return !args.contains(IGNORE_STDIN);
    }

    /**
     * Blocks until the process is told to end. With {@code watchStdin}, end-of-file on stdin exits
     * the JVM (so a child dies with the parent that holds its stdin pipe); otherwise only a signal
     * ends it. Either way the JVM shutdown hooks clean up.
     */
    static void awaitTermination(boolean watchStdin) throws InterruptedException {
        if (watchStdin) {
            drain(System.in);
            System.exit(0);
        }
        new CountDownLatch(1).await();
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // input is ignored; only end-of-file matters
            }
        } catch (IOException e) {
            // a broken stdin means the parent is gone: shut down
        }
    }
}
