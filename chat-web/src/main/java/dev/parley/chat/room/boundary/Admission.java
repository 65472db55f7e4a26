package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.Identity;

/**
 * What the handshake decided about a room connection: who and where, the resume point ({@code
 * since}, and {@code rev} for the change feed), or why not.
 */
record Admission(Identity identity, String room, Long since, Long rev, String refusal) {

    static final String KEY = Admission.class.getName();

    static Admission admit(Identity identity, String room, Long since, Long rev) {
        return new Admission(identity, room, since, rev, null);
    }

    static Admission refuse(String reason) {
        return new Admission(null, null, null, null, reason);
    }

    boolean refused() {
        return refusal != null;
    }
}
