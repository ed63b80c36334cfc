package dev.revive.targets.etcd.check;

import dev.revive.contracts.report.CheckResult;
import dev.revive.contracts.report.CheckStatus;
import dev.revive.targets.kind.CheckFinding;
import java.util.Map;

/**
 * One verification check of an etcd cluster, with its name in reports and what its failure means for the
 * verdict. Implementations are stateless and never throw for a silent member.
 */
abstract class EtcdCheck {

    private final String name;
    private final CheckFinding.Kind kind;

    /**
     * @param name the check's name in reports, e.g. {@code hash-kv-equal}
     * @param kind what a failure of the check means for the verdict
     */
    EtcdCheck(String name, CheckFinding.Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** The check's name in reports, e.g. {@code hash-kv-equal}. */
    final String name() {
        return name;
    }

    /** What a failure of the check means for the verdict. */
    final CheckFinding.Kind kind() {
        return kind;
    }

    /** Runs the check on one round's readings. */
    abstract CheckResult run(CheckContext context);

    /** A result of this check. */
    final CheckResult result(CheckStatus status, String observed, String expected, Map<String, String> evidence) {
        return new CheckResult(name, status, observed, expected, evidence);
    }
}
