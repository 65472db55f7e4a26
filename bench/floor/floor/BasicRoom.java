package floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/**
 * The reference room server's protocol (../shared/bench/peers/ws-room) as a bare JSR-356
 * endpoint: in memory, no login, nothing stored, blocking sends through the standard API. What
 * the container alone costs per connection and per delivery (bench/container-floor.sh).
 */
@ServerEndpoint("/ws/rooms/{room}")
public class BasicRoom {

    @OnOpen
    public void open(Session session, @PathParam("room") String room) throws IOException {
        Rooms.join(room, session);
        session.getBasicRemote().sendText(Rooms.EMPTY_HISTORY);
    }

    @OnMessage
    public void message(Session session, @PathParam("room") String room, String text) throws IOException {
        Rooms.relay(room, session, text, (to, frame) -> {
            synchronized (to) {
                to.getBasicRemote().sendText(frame);
            }
        });
    }

    @OnClose
    public void close(Session session, @PathParam("room") String room) {
        Rooms.leave(room, session);
    }
}
