package dev.parley.chat.message.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids of the messages stored most recently, per room. A client that resends after a reconnect
 * resends what it sent last, so a resent id is almost always here: it is then looked up before it
 * is stored instead of failing a whole optimistic batch on the unique constraint (which costs a
 * rollback and several log entries with stack traces). Anything older is still caught by the
 * constraint.
 */
public final class RecentIds {

    private final Map<String, Boolean> ids;

    public RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized boolean contains(String room, String id) {
        return ids.containsKey(key(room, id));
    }

    public synchronized void add(String room, String id) {
        ids.put(key(room, id), Boolean.TRUE);
    }

    private static String key(String room, String id) {
        return room + '\u0000' + id;
    }
}
