package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.Identity;

/** What the handshake decided about a room connection: who and where, or why not. */
record Admission(Identity identity, String room, Long since, String refusal) {

    static final String KEY = Admission.class.getName();

    static Admission admit(Identity identity, String room, Long since) {
        return new Admission(identity, room, since, null);
    }

    static Admission refuse(String reason) {
        return new Admission(null, null, null, reason);
    }

    boolean refused() {
        return refusal != null;
    }
}
