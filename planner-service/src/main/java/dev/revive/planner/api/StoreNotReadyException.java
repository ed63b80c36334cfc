package dev.revive.planner.api;

/** The incidents store cannot be queried yet (the topology is starting or rebalancing): answered 503. */
public final class StoreNotReadyException extends RuntimeException {

    public StoreNotReadyException(Throwable cause) {
        super("the planner's incident store is not ready yet (starting or rebalancing); retry shortly", cause);
    }
}
