package dev.revive.targets.etcd;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * One key permission of an etcd auth role, as recorded by the write fence: its type and its range, the bytes
 * base64-encoded so that any key survives the JSON record exactly. An empty {@code rangeEnd} is the single key
 * {@code key}; a zero byte means every key from {@code key} on.
 *
 * @param type     READ, WRITE or READWRITE
 * @param key      the first key, base64
 * @param rangeEnd the end of the range (exclusive), base64; empty for a single key
 */
public record RolePermission(Type type, String key, String rangeEnd) {

    /** What a permission allows. */
    public enum Type {
        READ, WRITE, READWRITE;

        /** True when the permission allows writes. */
        public boolean writes() {
            return this != READ;
        }
    }

    public RolePermission {
        if (type == null || key == null || rangeEnd == null) {
            throw new IllegalArgumentException("a role permission needs a type, a key and a range end");
        }
    }

    /** A permission of {@code type} on {@code [key, rangeEnd)}. */
    public static RolePermission of(Type type, byte[] key, byte[] rangeEnd) {
        return new RolePermission(type, Base64.getEncoder().encodeToString(key),
                Base64.getEncoder().encodeToString(rangeEnd));
    }

    /** The first key's bytes. */
    public byte[] keyBytes() {
        return Base64.getDecoder().decode(key);
    }

    /** The range end's bytes (empty for a single key). */
    public byte[] rangeEndBytes() {
        return Base64.getDecoder().decode(rangeEnd);
    }

    /** True when both cover exactly the same keys (etcd keeps one permission per range and role). */
    public boolean sameRange(RolePermission other) {
        return Arrays.equals(keyBytes(), other.keyBytes()) && Arrays.equals(rangeEndBytes(), other.rangeEndBytes());
    }

    /** The same permission on the same range with {@code newType}. */
    public RolePermission withType(Type newType) {
        return new RolePermission(newType, key, rangeEnd);
    }

    /** What is left under the write fence: READWRITE becomes READ on the same range, WRITE nothing, READ stays. */
    public Optional<RolePermission> fenced() {
        return switch (type) {
            case READ -> Optional.of(this);
            case READWRITE -> Optional.of(withType(Type.READ));
            case WRITE -> Optional.empty();
        };
    }

    /** {@code READWRITE [app/, app0)}, {@code READ app/config} or {@code WRITE [jobs/, end)}. */
    @Override
    public String toString() {
        byte[] end = rangeEndBytes();
        String first = new EtcdKey(keyBytes()).toString();
        if (end.length == 0) {
            return type + " " + first;
        }
        return type + " [" + first + ", " + (Arrays.equals(end, EtcdKey.ZERO.bytes()) ? "end" : new EtcdKey(end))
                + ")";
    }
}
