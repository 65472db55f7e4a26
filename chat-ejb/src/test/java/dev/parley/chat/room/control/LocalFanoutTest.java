package dev.parley.chat.room.control;

/** The single-node fan-out against the shared contract. */
class LocalFanoutTest extends FanoutContract {

    @Override
    protected Node node() {
        var received = newReceived();
        return new Node(RecordingEvents.localFanout(received), received);
    }
}
