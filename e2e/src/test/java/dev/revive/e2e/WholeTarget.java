package dev.revive.e2e;

import dev.revive.targets.etcd.EtcdAdapter;
import java.time.Duration;
import org.awaitility.Awaitility;

/** What a scenario on the stack's etcd target waits for before each test, so that no test depends on another. */
final class WholeTarget {

    private WholeTarget() {
    }

    /** Waits up to {@code bound} until every target member is healthy and every plan so far is reported. */
    static void await(ReviveStack stack, Recoveries recoveries, EtcdAdapter etcd, Duration bound) {
        Awaitility.await("all members healthy, every plan reported").atMost(bound).pollInterval(Duration.ofMillis(200))
                .until(() -> healthy(stack, etcd) && recoveries.nothingUnderWay());
    }

    /** Whether every member of the stack's target answers healthy. */
    static boolean healthy(ReviveStack stack, EtcdAdapter etcd) {
        return stack.target().members().stream().allMatch(member -> etcd.isHealthy(member.clientUrl()));
    }
}
