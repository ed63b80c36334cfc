package dev.revive.targets.etcd;

/**
 * The hash of one member's key-value store up to a revision.
 *
 * @param endpoint        the client URL that was asked
 * @param memberId        the member
 * @param revision        the revision the hash covers
 * @param hash            the hash
 * @param compactRevision the member's compacted revision
 */
public record HashKv(String endpoint, long memberId, long revision, int hash, long compactRevision) {
}
