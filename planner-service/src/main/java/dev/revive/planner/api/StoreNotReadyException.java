package dev.revive.planner.api;

/** The stores cannot be queried for sure yet (starting, rebalancing, owner not known): answered 503 with Retry-After. */
public final class StoreNotReadyException extends RuntimeException {

    public StoreNotReadyException(Throwable cause) {
        super("the planner's incident store is not ready yet (starting or rebalancing); retry shortly", cause);
    }

    public StoreNotReadyException(String why) {
        super(why + "; retry shortly");
    }
}
