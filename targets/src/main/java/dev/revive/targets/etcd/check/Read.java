package dev.revive.targets.etcd.check;

/**
 * What one bounded read of a member gave, or why it gave nothing.
 *
 * @param value what was read, or null when the read failed
 * @param error why the read failed, or null when it did not
 * @param <T>   what is read
 */
record Read<T>(T value, String error) {

    /** A read that answered. */
    static <T> Read<T> of(T value) {
        return new Read<>(value, null);
    }

    /** A read that failed, and why. */
    static <T> Read<T> failed(String error) {
        return new Read<>(null, error == null ? "no answer" : error);
    }

    boolean ok() {
        return error == null;
    }
}
