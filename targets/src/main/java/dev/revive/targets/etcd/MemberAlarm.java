package dev.revive.targets.etcd;

/**
 * An active alarm of an etcd cluster.
 *
 * @param memberId the member that raised it
 * @param type     etcd's alarm type, e.g. {@code NOSPACE} or {@code CORRUPT}
 */
public record MemberAlarm(long memberId, String type) {
}
