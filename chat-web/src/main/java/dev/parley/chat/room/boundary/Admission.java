package dev.parley.chat.room.boundary;

import dev.parley.chat.identity.entity.Identity;

/**
 * What the handshake decided about a room connection: who and where, the resume point ({@code
 * since}, and {@code rev} for the change feed), or why not and with which HTTP status a refusal
 * before the upgrade answers.
 */
record Admission(Identity identity, String room, Long since, Long rev, String refusal, int refusalStatus) {

    static final String KEY = Admission.class.getName();

    static final int BAD_REQUEST = 400;
    static final int UNAUTHORIZED = 401;
    static final int FORBIDDEN = 403;

    static Admission admit(Identity identity, String room, Long since, Long rev) {
        return new Admission(identity, room, since, rev, null, 0);
    }

    static Admission refuse(int status, String reason) {
        return new Admission(null, null, null, null, reason, status);
    }

    boolean refused() {
        return refusal != null;
    }
}
