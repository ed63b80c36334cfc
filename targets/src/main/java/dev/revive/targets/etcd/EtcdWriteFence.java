package dev.revive.targets.etcd;

import dev.revive.contracts.cluster.ClientSecurity;
import dev.revive.contracts.cluster.ClusterSpec;
import dev.revive.contracts.cluster.Endpoints;
import dev.revive.contracts.cluster.NodeRole;
import dev.revive.contracts.cluster.NodeSpec;
import dev.revive.targets.action.ActionHandler;
import dev.revive.targets.action.StepContext;
import dev.revive.targets.action.StepOutcome;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.jboss.logging.Logger;

/**
 * etcd's write fence on the application roles the spec names ({@code fencedRoles}), through etcd auth as the spec's
 * user. {@link #fence() FENCE_WRITES} reads each role's permissions, records them durably ({@link WriteFenceRecord},
 * once per plan: a retry keeps the first record) and only then takes write away on the recorded ranges: READWRITE
 * becomes READ on the same range (etcd replaces a role's permission on an equal range), WRITE is revoked.
 * {@link #unfence() UNFENCE} grants back exactly what the plan's record holds, whatever the spec says now.
 * Both read the live roles first and change only what differs, so that repeating them is harmless (nothing to do
 * → SKIPPED), ask the step's gate right before the first change, and read the roles again afterwards to confirm.
 * A spec that names no roles skips both; an UNFENCE without a record skips, saying so. Both steps name no node:
 * the calls go to the first member that answers with a leader.
 */
public final class EtcdWriteFence {

    /** Why both steps skip for a cluster whose spec names no application roles. */
    public static final String NO_ROLES = "cluster names no application roles to fence";

    private static final Logger LOG = Logger.getLogger(EtcdWriteFence.class);

    private final EtcdAdapter etcd;

    public EtcdWriteFence(EtcdAdapter etcd) {
        this.etcd = etcd;
    }

    /** The handler of {@code FENCE_WRITES}. */
    public ActionHandler fence() {
        return new Fence();
    }

    /** The handler of {@code UNFENCE}. */
    public ActionHandler unfence() {
        return new Unfence();
    }

    /**
     * One change of one role's permission on one range.
     *
     * @param role   the role
     * @param before its permission on the range now, null for none
     * @param after  the permission to grant, null to revoke {@code before}
     */
    private record Change(String role, RolePermission before, RolePermission after) {

        @Override
        public String toString() {
            return role + ": " + (before == null ? "none" : before) + " -> " + (after == null ? "revoked" : after);
        }
    }

    /** What a step found: why it skips, or the changes it makes, the member it talks to and what it recorded. */
    private record Finding(String skip, List<Change> changes, String endpoint, String note) {
    }

    /** The part the two steps share: find, ask the gate, change, confirm. */
    private abstract class FenceStep implements ActionHandler {

        /** The skip reason or the changes, reading the live roles and the record; never changes a role. */
        abstract Finding find(StepContext context, boolean record);

        /** What the step does, for the gate and the outcome. */
        abstract String act(Collection<String> roles);

        @Override
        public StepOutcome execute(StepContext context) {
            Finding found = find(context, true);
            if (found.skip() != null) {
                return StepOutcome.skipped(found.skip());
            }
            if (found.endpoint() == null) {
                return StepOutcome.failed(found.note());
            }
            List<String> roles = found.changes().stream().map(Change::role).distinct().toList();
            Optional<StepOutcome> refused = context.refusalBefore(act(roles));
            if (refused.isPresent()) {
                return refused.get();
            }
            ClientSecurity security = context.spec().security();
            for (Change change : found.changes()) {
                if (change.after() == null) {
                    etcd.revoke(found.endpoint(), security, change.role(), change.before());
                } else {
                    etcd.grant(found.endpoint(), security, change.role(), change.after());
                }
            }
            Finding after = find(context, false);
            if (after.skip() == null) {
                return StepOutcome.failed(found.note() + "changed " + found.changes() + " through "
                        + found.endpoint() + ", but the roles still differ: " + after.changes());
            }
            LOG.infof("%s of plan %s on cluster %s: %s", context.step().action(), context.plan().planId(),
                    context.spec().id(), found.changes());
            return StepOutcome.succeeded(found.note() + act(roles) + " through " + found.endpoint() + ": "
                    + found.changes());
        }

        @Override
        public String describe(StepContext context) {
            Finding found = find(context, false);
            if (found.skip() != null) {
                return "would skip: " + found.skip();
            }
            if (found.endpoint() == null) {
                return "would fail: " + found.note();
            }
            return found.note() + "would " + act(found.changes().stream().map(Change::role).distinct().toList())
                    + " through " + found.endpoint() + ": " + found.changes();
        }

        /** Reads the roles' permissions through the first member that answers with a leader, or says why not. */
        Finding withRoles(StepContext context, Collection<String> roles, String note,
                BiFunction<String, Map<String, List<RolePermission>>, Finding> then) {
            ClusterSpec spec = context.spec();
            Optional<String> endpoint = spec.nodes().stream().filter(node -> node.role() != NodeRole.LEARNER)
                    .map(NodeSpec::endpoints).map(Endpoints::client)
                    .filter(client -> etcd.isHealthy(client, spec.security()))
                    .findFirst();
            if (endpoint.isEmpty()) {
                return new Finding(null, List.of(), null, "no member of " + spec.id()
                        + " answers with a leader to change roles through");
            }
            Map<String, List<RolePermission>> live = new LinkedHashMap<>();
            roles.forEach(role -> live.put(role, etcd.rolePermissions(endpoint.get(), spec.security(), role)));
            return then.apply(endpoint.get(), live);
        }
    }

    /** FENCE_WRITES. */
    private final class Fence extends FenceStep {

        @Override
        Finding find(StepContext context, boolean record) {
            ClusterSpec spec = context.spec();
            Path file = WriteFenceRecord.file(spec, context.plan().planId());
            Optional<WriteFenceRecord> earlier = WriteFenceRecord.read(file);
            if (earlier.isEmpty() && spec.fencedRoles().isEmpty()) {
                return new Finding(NO_ROLES, List.of(), null, "");
            }
            Collection<String> roles = earlier.<Collection<String>>map(found -> found.roles().keySet())
                    .orElse(spec.fencedRoles());
            String note = earlier.isPresent() ? "kept the record of an earlier attempt, " + file + "; "
                    : record ? "recorded the original permissions of " + roles + " in " + file + "; "
                    : "would record the original permissions of " + roles + " in " + file + "; ";
            return withRoles(context, roles, note, (endpoint, live) -> {
                WriteFenceRecord kept = earlier.orElseGet(() -> record
                        ? new WriteFenceRecord(spec.id(), context.plan().planId(), live).keepFirst(file)
                        : new WriteFenceRecord(spec.id(), context.plan().planId(), live));
                List<Change> changes = new ArrayList<>();
                kept.roles().forEach((role, recorded) -> live.getOrDefault(role, List.of()).stream()
                        .filter(now -> now.type().writes())
                        .filter(now -> recorded.stream().anyMatch(now::sameRange))
                        .forEach(now -> changes.add(new Change(role, now, now.fenced().orElse(null)))));
                return changes.isEmpty()
                        ? new Finding("roles " + kept.roles().keySet() + " hold no write permission on their recorded"
                                + " ranges (fence in place; record " + file + ")", List.of(), endpoint, note)
                        : new Finding(null, changes, endpoint, note);
            });
        }

        @Override
        String act(Collection<String> roles) {
            return "take write permission away from roles " + roles;
        }
    }

    /** UNFENCE. */
    private final class Unfence extends FenceStep {

        @Override
        Finding find(StepContext context, boolean record) {
            ClusterSpec spec = context.spec();
            Path file = WriteFenceRecord.file(spec, context.plan().planId());
            Optional<WriteFenceRecord> recorded = WriteFenceRecord.read(file);
            if (recorded.isEmpty()) {
                return new Finding(spec.fencedRoles().isEmpty() ? NO_ROLES : "no write fence is recorded for plan "
                        + context.plan().planId() + " (" + file + "): nothing to restore", List.of(), null, "");
            }
            Map<String, List<RolePermission>> original = recorded.get().roles();
            return withRoles(context, original.keySet(), "", (endpoint, live) -> {
                List<Change> changes = new ArrayList<>();
                original.forEach((role, permissions) -> permissions.forEach(wanted -> {
                    Optional<RolePermission> now = live.get(role).stream().filter(wanted::sameRange).findFirst();
                    if (now.map(permission -> permission.type() != wanted.type()).orElse(true)) {
                        changes.add(new Change(role, now.orElse(null), wanted));
                    }
                }));
                return changes.isEmpty()
                        ? new Finding("roles " + original.keySet() + " hold the permissions recorded in " + file
                                + " (restored)", List.of(), endpoint, "")
                        : new Finding(null, changes, endpoint, "");
            });
        }

        @Override
        String act(Collection<String> roles) {
            return "restore the recorded permissions of roles " + roles;
        }
    }
}
