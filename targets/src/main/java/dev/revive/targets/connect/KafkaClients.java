package dev.revive.targets.connect;

import dev.revive.contracts.cluster.ClusterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin clients the plug-in keeps open between calls (the success-rate measures and the lag sampler run every
 * second or so; an Admin client per call would cost a connection and a thread each time): one per Kafka cluster,
 * the {@value #MAX_OPEN} most recently used; the least recently used one is closed when another is needed. Callers
 * never close what they get.
 */
final class KafkaClients implements AutoCloseable {

    static final int MAX_OPEN = 16;

    private final Duration callTimeout;
    private final Map<String, ConnectKafka> open = new LinkedHashMap<>(MAX_OPEN, 0.75f, true);

    KafkaClients(Duration callTimeout) {
        this.callTimeout = callTimeout;
    }

    /** The client for the Kafka cluster the workers of {@code spec} write to. */
    ConnectKafka of(ClusterSpec spec) {
        String bootstrap = ConnectKafka.bootstrap(spec);
        ConnectKafka evicted = null;
        ConnectKafka client;
        synchronized (open) {
            client = open.get(bootstrap);
            if (client == null) {
                client = ConnectKafka.open(bootstrap, callTimeout);
                open.put(bootstrap, client);
                if (open.size() > MAX_OPEN) {
                    var eldest = open.entrySet().iterator().next();
                    evicted = eldest.getValue();
                    open.remove(eldest.getKey());
                }
            }
        }
        if (evicted != null) {
            evicted.close();
        }
        return client;
    }

    @Override
    public void close() {
        List<ConnectKafka> all;
        synchronized (open) {
            all = new ArrayList<>(open.values());
            open.clear();
        }
        all.forEach(ConnectKafka::close);
    }
}
