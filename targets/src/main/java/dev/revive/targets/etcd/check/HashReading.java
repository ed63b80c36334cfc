package dev.revive.targets.etcd.check;

/**
 * The hash of one member's key-value store, or why it could not be read.
 *
 * @param member          the member asked
 * @param revision        the revision the hash covers
 * @param hash            the hash (an unsigned 32-bit value)
 * @param compactRevision the member's compacted revision
 * @param error           why there is no hash, or null when there is one
 */
record HashReading(Member member, long revision, int hash, long compactRevision, String error) {

    /** A hash the member computed. */
    public static HashReading of(Member member, long revision, int hash, long compactRevision) {
        return new HashReading(member, revision, hash, compactRevision, null);
    }

    /** A hash the member did not give, and why. */
    public static HashReading failed(Member member, String error) {
        return new HashReading(member, 0, 0, 0, error == null ? "no answer" : error);
    }

    public boolean ok() {
        return error == null;
    }

    /** The hash as etcd prints it (unsigned). */
    public String hashText() {
        return Integer.toUnsignedString(hash);
    }
}
