package dev.revive.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Sends a POSIX signal to a process with {@code kill -<SIGNAL> <pid>} (an argument list, no shell), for fault injection. */
public final class Signals {

    private Signals() {
    }

    /** Sends {@code signal} ({@code STOP}, {@code CONT}, {@code KILL}, …) to {@code pid}; true when kill said it did. */
    public static boolean send(long pid, String signal) {
        if (!signal.matches("[A-Z0-9]{1,8}")) {
            throw new IllegalArgumentException("not a signal name: " + signal);
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
                return false;
            }
            return kill.exitValue() == 0;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run kill: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
