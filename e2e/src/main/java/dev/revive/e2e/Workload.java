package dev.revive.e2e;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Writes keys into the target cluster, so that a recovered member has real data to catch up on
 * and the verifier's hashes cover more than an empty store. Each put is bounded; a put that fails
 * while the cluster elects a leader is retried until {@link #PUT_DEADLINE}.
 */
public final class Workload implements AutoCloseable {

    private static final Duration PUT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration PUT_DEADLINE = Duration.ofSeconds(30);

    private final Client client;
    private final KV kv;

    public Workload(List<String> endpoints) {
        client = Client.builder().endpoints(endpoints.toArray(String[]::new)).build();
        kv = client.getKVClient();
    }

    /** Puts {@code count} keys {@code prefix/000000…}; returns how many were written. */
    public int write(String prefix, int count) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            put(String.format("%s/%06d", prefix, i), "value-" + i);
        }
        return count;
    }

    /**
     * How many keys under {@code prefix} one member holds, read from that member alone
     * (serializable read), so a restarted member can be shown to have caught up.
     */
    public static long countOn(String endpoint, String prefix) throws Exception {
        try (Client member = Client.builder().endpoints(endpoint).build()) {
            GetOption countOnly = GetOption.builder().isPrefix(true).withCountOnly(true).withSerializable(true).build();
            return member.getKVClient().get(bytes(prefix), countOnly).get(PUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getCount();
        }
    }

    /**
     * The value of {@code key} on one member, read from that member alone (serializable read); empty when it has
     * none.
     */
    public static java.util.Optional<String> valueOn(String endpoint, String key) throws Exception {
        try (Client member = Client.builder().endpoints(endpoint).build()) {
            GetOption serializable = GetOption.builder().withSerializable(true).build();
            return member.getKVClient().get(bytes(key), serializable).get(PUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .getKvs().stream().findFirst().map(kv -> kv.getValue().toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** Puts {@code key} = {@code value}, retrying through a leader change for up to 30 s. */
    public void put(String key, String value) throws InterruptedException {
        long deadline = System.nanoTime() + PUT_DEADLINE.toNanos();
        while (true) {
            try {
                kv.put(bytes(key), bytes(value)).get(PUT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException | TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot put " + key + " within " + PUT_DEADLINE, e);
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
