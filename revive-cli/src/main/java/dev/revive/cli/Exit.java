package dev.revive.cli;

/**
 * The exit codes of {@code revive}, and the failure that carries one: 0 done, 1 failed or not found (a refused
 * request, an unknown plan, a spec that does not validate, a report that is not CONSISTENT when asked to check), 2 bad
 * usage, 3 a service or Kafka could not be reached (or answered 503), 4 refused by authentication or authorization.
 */
public final class Exit {

    /** Done. */
    public static final int OK = 0;
    /** Failed, or not found. */
    public static final int FAILED = 1;
    /** Bad usage (picocli's own code for a bad option or parameter). */
    public static final int USAGE = 2;
    /** A service or Kafka could not be reached in time. */
    public static final int UNREACHABLE = 3;
    /** The token or the Kafka credentials were refused. */
    public static final int REFUSED = 4;

    private Exit() {
    }

    /** A command that cannot go on; its message is printed on stderr and the process exits with {@link #code()}. */
    public static final class Failure extends RuntimeException {

        private final int code;

        /** A failure with its exit code and one line for the operator. */
        public Failure(int code, String message) {
            super(message);
            this.code = code;
        }

        /** A failure with its exit code, one line for the operator and the cause. */
        public Failure(int code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        /** The exit code. */
        public int code() {
            return code;
        }
    }
}
