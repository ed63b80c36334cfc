package dev.revive.e2e;

/** How long something took since a {@link System#nanoTime()} reading, in words for the stacks' progress lines. */
final class Elapsed {

    private Elapsed() {
    }

    /** The time since {@code begin} (a {@link System#nanoTime()} reading), e.g. {@code 3.2 s}. */
    static String since(long begin) {
        return String.format("%.1f s", (System.nanoTime() - begin) / 1e9);
    }
}
