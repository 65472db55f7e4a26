package dev.parley.chat.operations.boundary;

/**
 * The JMX view of a node, {@code dev.parley:type=Chat}: live figures and a few operator actions
 * (each recorded in the audit trail with the actor {@code jmx}).
 */
public interface ChatConsoleMXBean {

    int getConnections();

    int getActiveRooms();

    long getMessagesReceived();

    long getMessagesStored();

    long getDeliveries();

    long getQueuedFrames();

    long getStoreBacklog();

    long getSlowClientCloses();

    long getAssistantTokens();

    boolean isAssistantPaused();

    /** Closes the room for everyone but admins; false if there is no such room. */
    boolean closeRoom(String room, String reason);

    boolean reopenRoom(String room);

    /** Closes every socket of the user, on every node. */
    void disconnectUser(String userId);

    void pauseAssistant();

    void resumeAssistant();
}
