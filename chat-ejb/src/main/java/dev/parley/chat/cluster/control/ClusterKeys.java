package dev.parley.chat.cluster.control;

/**
 * The Redis names the nodes of one cluster share, all under one prefix (so that two clusters, or
 * a test, can use one Redis), and this node's id.
 */
public record ClusterKeys(String prefix, String node) {

    /** The pub/sub channel every frame and signal of the cluster goes through. */
    public String channel() {
        return prefix + ":fanout";
    }

    /** Sorted set: node id by its last heartbeat (Redis time, ms). */
    public String nodes() {
        return prefix + ":nodes";
    }

    /** Hash: a room's members and the nodes each is connected to. */
    public String presence(String room) {
        return prefix + ":presence:" + room;
    }

    /** Set: the rooms where a node has announced members, for sweeping it out when it dies. */
    public String roomsOf(String node) {
        return prefix + ":node:" + node + ":rooms";
    }

    /** A lock so that one survivor sweeps a dead node. */
    public String sweepLock(String node) {
        return prefix + ":sweep:" + node;
    }

    /** Lock: the node answering in a room with the assistant now. */
    public String turn(String room) {
        return prefix + ":turn:" + room;
    }
}
