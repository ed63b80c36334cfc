package dev.revive.runbooks;

import dev.revive.contracts.cluster.SystemKind;
import dev.revive.runbooks.UnsupportedKindException.Side;
import dev.revive.runbooks.connect.KafkaConnectRunbook;
import dev.revive.runbooks.etcd.EtcdRunbook;
import dev.revive.runbooks.generic.GenericRunbook;
import dev.revive.runbooks.kafka.KafkaRunbook;
import dev.revive.runbooks.redis.RedisRunbook;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The registry of runbooks: the one place that lists the kinds Revive can plan for. */
public final class Runbooks {

    private final Map<SystemKind, Runbook> byKind = new EnumMap<>(SystemKind.class);

    public Runbooks(List<Runbook> runbooks) {
        for (Runbook runbook : runbooks) {
            if (byKind.putIfAbsent(runbook.kind(), runbook) != null) {
                throw new IllegalArgumentException("two runbooks for kind " + runbook.kind());
            }
        }
    }

    /** Every runbook Revive ships: one line per kind. */
    public static Runbooks standard() {
        return new Runbooks(List.of(
                new EtcdRunbook(),
                new KafkaConnectRunbook(),
                new GenericRunbook(),
                new KafkaRunbook(),
                new RedisRunbook()));
    }

    /** The runbook of {@code kind}; throws {@link UnsupportedKindException} (side RUNBOOK) when there is none. */
    public Runbook forKind(SystemKind kind) {
        Runbook runbook = byKind.get(kind);
        if (runbook == null) {
            throw UnsupportedKindException.of(Side.RUNBOOK, kind);
        }
        return runbook;
    }

    /** The kinds with a runbook. */
    public Set<SystemKind> kinds() {
        return Set.copyOf(byKind.keySet());
    }
}
