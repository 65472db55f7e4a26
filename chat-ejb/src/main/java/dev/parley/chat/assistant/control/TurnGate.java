package dev.parley.chat.assistant.control;

/**
 * Lets one node at a time answer in a room. Each node already answers one turn at a time per
 * room ({@link TurnQueue}); with several nodes, the gate makes that hold across all of them.
 */
public interface TurnGate {

    /** A single node: its own turn queue is the whole story. */
    TurnGate LOCAL = new TurnGate() {
        @Override
        public void enter(String room) {
            // nothing to wait for
        }

        @Override
        public void leave(String room) {
            // nothing to free
        }
    };

    /** Waits until no other node answers in the room, then holds the room until {@link #leave}. */
    void enter(String room) throws InterruptedException;

    void leave(String room);
}
