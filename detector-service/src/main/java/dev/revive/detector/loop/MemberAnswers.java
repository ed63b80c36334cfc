package dev.revive.detector.loop;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each member of one cluster answered its last probe, shared by the cluster's probe tasks: a member's fault
 * says which other members did not answer either, so that the planner tells a member killed alone (restarted at
 * once) from a cluster going down as a whole (started as one). Members killed together have each failed at least one
 * probe by the time the first of them has failed the threshold's number.
 */
final class MemberAnswers {

    private final List<String> members;
    private final Map<String, Boolean> answered = new ConcurrentHashMap<>();

    /** @param members the ids of the cluster's members; one not probed yet counts as not answering */
    MemberAnswers(List<String> members) {
        this.members = List.copyOf(members);
    }

    /** Records the outcome of {@code node}'s latest probe. */
    void record(String node, boolean answeredNow) {
        answered.put(node, answeredNow);
    }

    /** The members other than {@code node} whose latest probe failed (or that were not probed yet), sorted. */
    List<String> othersNotAnswering(String node) {
        return members.stream().filter(member -> !member.equals(node) && !answered.getOrDefault(member, false))
                .sorted().toList();
    }
}
