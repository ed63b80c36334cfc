package dev.revive.targets.etcd.check;

import dev.revive.contracts.cluster.VerificationTolerances;
import java.util.List;

/**
 * What one round of checks works from: every member's status, taken once at the start of the
 * round, the cluster's tolerances, and the reader for checks that need further reads.
 *
 * @param readings     one reading per member of the spec, in spec order
 * @param tolerances   the cluster's verification tolerances
 * @param reader       the reader of this round
 * @param hashAttempts how often a hash comparison may be retried when writes move on
 * @param snapshot     the snapshot that backs the verified plan, or why there is none
 * @param restore      which members' data dirs the verified plan restored from a snapshot
 */
record CheckContext(List<MemberReading> readings, VerificationTolerances tolerances, MemberReader reader,
        int hashAttempts, PlanSnapshot snapshot, PlanRestore restore) {

    public CheckContext {
        readings = List.copyOf(readings);
    }

    /** A round of a plan that restored no member. */
    CheckContext(List<MemberReading> readings, VerificationTolerances tolerances, MemberReader reader,
            int hashAttempts, PlanSnapshot snapshot) {
        this(readings, tolerances, reader, hashAttempts, snapshot, PlanRestore.NONE);
    }

    /** A round outside a plan: no snapshot backs it. */
    CheckContext(List<MemberReading> readings, VerificationTolerances tolerances, MemberReader reader,
            int hashAttempts) {
        this(readings, tolerances, reader, hashAttempts, PlanSnapshot.NONE);
    }

    /** The readings of the members that answered. */
    public List<MemberReading> answering() {
        return readings.stream().filter(MemberReading::answered).toList();
    }
}
