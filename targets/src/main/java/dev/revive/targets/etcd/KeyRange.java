package dev.revive.targets.etcd;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A serializable read of the keys in {@code [from, end)} on one member at one revision ({@link EtcdKey#ZERO} as
 * {@code end} = every key from {@code from} on).
 *
 * @param from           the first key
 * @param end            the end of the range (exclusive)
 * @param revision       the revision to read at (0 = the member's latest)
 * @param limit          at most this many keys (0 = no limit)
 * @param keysOnly       without values
 * @param countOnly      only the count
 * @param minModRevision only keys last modified at or after this revision (0 = any)
 */
public record KeyRange(EtcdKey from, EtcdKey end, long revision, long limit, boolean keysOnly, boolean countOnly,
        long minModRevision) {

    /** How many keys the whole keyspace holds at {@code revision}. */
    public static KeyRange count(long revision) {
        return new KeyRange(EtcdKey.ZERO, EtcdKey.ZERO, revision, 0, true, true, 0);
    }

    /** The keys (without values) from {@code from} on, at most {@code limit}. */
    public static KeyRange keys(EtcdKey from, long revision, long limit) {
        return new KeyRange(from, EtcdKey.ZERO, revision, limit, true, false, 0);
    }

    /** The keys with their values in {@code [from, end)}, at most {@code limit}. */
    public static KeyRange values(EtcdKey from, EtcdKey end, long revision, long limit) {
        return new KeyRange(from, end, revision, limit, false, false, 0);
    }

    /** The keys (without values) of the whole keyspace last modified after {@code revision}, at most {@code limit}. */
    public static KeyRange modifiedAfter(long afterRevision, long revision, long limit) {
        return new KeyRange(EtcdKey.ZERO, EtcdKey.ZERO, revision, limit, true, false, afterRevision + 1);
    }

    /**
     * One key as read.
     *
     * @param key         the key
     * @param modRevision the revision of its last modification
     * @param valueSha256 the hex sha256 of its value (the value itself never leaves the adapter), or null when read
     *                    without values
     */
    public record Entry(EtcdKey key, long modRevision, String valueSha256) {
    }

    /**
     * The answer to a range read.
     *
     * @param entries  the keys read, in key order
     * @param count    how many keys the range holds (beyond the limit too)
     * @param more     true when the limit cut the answer short
     * @param revision the member's revision when it answered
     */
    public record Page(List<Entry> entries, long count, boolean more, long revision) {

        public Page {
            entries = List.copyOf(entries);
        }
    }

    /** The hex sha256 of a value. */
    static String digest(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
