package dev.revive.targets.etcd.check;

import dev.revive.targets.etcd.EtcdKey;
import dev.revive.targets.etcd.KeyRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a sampled key comparison looks: a keyspace of at most {@link #SAMPLE} keys is compared whole; a larger one in
 * {@link #WINDOWS} windows of {@code SAMPLE / WINDOWS} consecutive keys, spread evenly over the reference member's
 * keys. Placing the windows reads the reference member's keys (without values) once, in {@code WINDOWS} pages of
 * {@code count / WINDOWS} keys, each read bounded by the call timeout. Every window is a fixed key range
 * {@code [first, end)}, so a member that lacks or adds a key inside it shows as a difference, never as a shift.
 */
final class KeySample {

    /** At most this many keys are compared. */
    static final int SAMPLE = 1000;
    /** Into how many windows a larger keyspace's sample is spread. */
    static final int WINDOWS = 10;

    private KeySample() {
    }

    /** The key ranges to compare at {@code revision}, placed on {@code reference}'s keys. */
    static Read<List<KeyRange>> windows(MemberReader reader, Member reference, long revision) {
        Read<KeyRange.Page> count = reader.range(reference, KeyRange.count(revision));
        if (!count.ok()) {
            return Read.failed(count.error());
        }
        long total = count.value().count();
        if (total <= SAMPLE) {
            return Read.of(List.of(KeyRange.values(EtcdKey.ZERO, EtcdKey.ZERO, revision, SAMPLE + 1)));
        }
        long stride = (total + WINDOWS - 1) / WINDOWS;
        int window = SAMPLE / WINDOWS;
        List<KeyRange> windows = new ArrayList<>();
        EtcdKey cursor = EtcdKey.ZERO;
        for (int i = 0; i < WINDOWS; i++) {
            Read<KeyRange.Page> page = reader.range(reference, KeyRange.keys(cursor, revision, stride));
            if (!page.ok()) {
                return Read.failed(page.error());
            }
            List<KeyRange.Entry> keys = page.value().entries();
            if (keys.isEmpty()) {
                break;
            }
            EtcdKey last = keys.get(keys.size() - 1).key();
            EtcdKey end = keys.size() > window ? keys.get(window).key() : last.next();
            windows.add(KeyRange.values(keys.get(0).key(), end, revision, window + 1));
            if (!page.value().more()) {
                break;
            }
            cursor = last.next();
        }
        return Read.of(windows);
    }
}
