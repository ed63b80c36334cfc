package dev.revive.targets.etcd;

import java.util.List;

/**
 * One entry of an etcd cluster's live member list.
 *
 * @param id         its raft member id
 * @param name       its name ({@code --name}); empty for a member added but not started yet
 * @param clientUrls its client URLs; empty for a member added but not started yet
 * @param learner    true for a learner (a non-voting member)
 * @param peerUrls   its peer (raft) URLs; a member added but not started yet has them already
 */
public record LiveMember(long id, String name, List<String> clientUrls, boolean learner, List<String> peerUrls) {

    public LiveMember {
        clientUrls = List.copyOf(clientUrls);
        peerUrls = List.copyOf(peerUrls);
    }

    /** A member whose peer URLs do not matter to the caller. */
    public LiveMember(long id, String name, List<String> clientUrls, boolean learner) {
        this(id, name, clientUrls, learner, List.of());
    }

    /** True when the member has started and serves clients. */
    public boolean started() {
        return !name.isEmpty() && !clientUrls.isEmpty();
    }
}
