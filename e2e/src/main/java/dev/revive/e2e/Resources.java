package dev.revive.e2e;

/** Closing what a scenario started, in the order given, whatever was started at all. */
public final class Resources {

    private Resources() {
    }

    /**
     * Closes each non-null resource in turn; a resource that fails to close does not keep the next ones open. The
     * first failure is thrown at the end, the others are attached to it.
     */
    public static void closeAll(AutoCloseable... resources) {
        RuntimeException failure = null;
        for (AutoCloseable resource : resources) {
            if (resource == null) {
                continue;
            }
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("cannot close " + resource, e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
