package dev.parley.chat.identity.entity;

import java.time.Instant;
import java.util.Set;

/** A verified caller: who they are, their roles, and when their token stops being valid. */
public record Identity(String id, String name, Set<String> groups, Instant expiresAt) {

    public static final String ADMIN = "admin";
    public static final String USER = "user";

    public ChatUser user() {
        return new ChatUser(id, name);
    }

    public boolean isAdmin() {
        return groups.contains(ADMIN);
    }
}
