package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import io.etcd.jetcd.Client;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The adapter's jetcd clients, one per member endpoint and client security, at most {@code capacity} of them: the
 * least recently used client beyond that is closed and forgotten, so endpoints of removed clusters or members,
 * and specs whose security changed, do not keep clients open for good. An evicted endpoint that is asked again
 * gets a new client.
 */
final class EtcdClients implements AutoCloseable {

    /** How many clients an adapter keeps by default: room for many clusters' members. */
    static final int DEFAULT_CAPACITY = 64;

    private static final Logger LOG = Logger.getLogger(EtcdClients.class);

    /** What a client is for: an endpoint, reached with a security (null for plain). */
    record Key(String endpoint, ClientSecurity security) {
    }

    private final int capacity;
    private final Function<Key, Client> open;
    private final LinkedHashMap<Key, Client> clients = new LinkedHashMap<>(16, 0.75f, true);

    EtcdClients(int capacity, Function<Key, Client> open) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.open = open;
    }

    /** The client for {@code endpoint} with {@code security}, opened on first use. */
    Client client(String endpoint, ClientSecurity security) {
        List<Map.Entry<Key, Client>> evicted = new ArrayList<>();
        Client client;
        synchronized (this) {
            client = clients.computeIfAbsent(new Key(endpoint, security), open);
            Iterator<Map.Entry<Key, Client>> eldest = clients.entrySet().iterator();
            while (clients.size() > capacity && eldest.hasNext()) {
                evicted.add(eldest.next());
                eldest.remove();
            }
        }
        evicted.forEach(entry -> {
            LOG.debugf("closing the least recently used etcd client of %s", entry.getKey().endpoint());
            entry.getValue().close();
        });
        return client;
    }

    /** Closes and forgets the client of {@code endpoint} with {@code security}, if any: the next call opens one. */
    void forget(String endpoint, ClientSecurity security) {
        Client forgotten;
        synchronized (this) {
            forgotten = clients.remove(new Key(endpoint, security));
        }
        if (forgotten != null) {
            forgotten.close();
        }
    }

    /** How many clients are open. */
    synchronized int size() {
        return clients.size();
    }

    @Override
    public void close() {
        List<Client> open;
        synchronized (this) {
            open = List.copyOf(clients.values());
            clients.clear();
        }
        open.forEach(Client::close);
    }
}
