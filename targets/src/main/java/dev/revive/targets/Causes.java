package dev.revive.targets;

/** A failure's chain of causes, as the adapters classify and describe what a client library threw. */
public final class Causes {

    private Causes() {
    }

    /** True when {@code failure} or one of its causes is a {@code type}. */
    public static boolean has(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code Type: message / CauseType: message ...}, cut after the cause that passes {@code limit} characters: what an
     * error detail says about a failure without a stack trace.
     */
    public static String describe(Throwable failure, int limit) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < limit; t = t.getCause()) {
            text.append(text.length() == 0 ? "" : " / ").append(t.getClass().getSimpleName()).append(": ")
                    .append(t.getMessage());
        }
        return text.toString();
    }
}
