package dev.revive.targets.etcd.check;

/**
 * A member of the cluster under verification, as the cluster spec names it.
 *
 * @param nodeId   the node id of the spec (evidence is keyed by it)
 * @param endpoint its client URL
 */
record Member(String nodeId, String endpoint) {
}
