package dev.revive.targets.etcd.check;

import java.util.List;
import java.util.Optional;

/**
 * The revision at which members' keyspaces are compared: the lowest revision of the members compared, which every
 * one of them has applied. The first attempt takes it from the round's readings; a later attempt (after a read
 * failed, e.g. because a compaction passed it) reads the members' statuses again.
 */
final class CommonRevision {

    private CommonRevision() {
    }

    /** The common revision of {@code members} for attempt {@code attempt} (1 = the round's readings). */
    static Read<Long> of(List<MemberReading> members, CheckContext context, int attempt) {
        List<MemberReading> readings = attempt == 1 ? members
                : members.stream().map(reading -> context.reader().status(reading.member())).toList();
        Optional<MemberReading> silent = readings.stream().filter(reading -> !reading.answered()).findFirst();
        if (silent.isPresent()) {
            return Read.failed(silent.get().nodeId() + " stopped answering: " + Evidence.clip(silent.get().error()));
        }
        return Read.of(readings.stream().mapToLong(MemberReading::revision).min().orElse(0));
    }
}
