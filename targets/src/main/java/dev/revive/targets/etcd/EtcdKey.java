package dev.revive.targets.etcd;

import java.util.Arrays;

/** A key of an etcd keyspace: its bytes, compared by content (unsigned, as etcd orders keys), printed readably. */
public final class EtcdKey implements Comparable<EtcdKey> {

    /** The lowest key there is (one zero byte); as a range end it means "every key from the start on". */
    public static final EtcdKey ZERO = new EtcdKey(new byte[] {0});

    private final byte[] bytes;

    public EtcdKey(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** The key's bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The smallest key after this one: its bytes followed by a zero byte. */
    public EtcdKey next() {
        return new EtcdKey(Arrays.copyOf(bytes, bytes.length + 1));
    }

    @Override
    public int compareTo(EtcdKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EtcdKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Printable ASCII as is, any other byte as {@code \xNN}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            int c = b & 0xff;
            text.append(c >= 0x20 && c < 0x7f && c != '\\' ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return text.toString();
    }
}
