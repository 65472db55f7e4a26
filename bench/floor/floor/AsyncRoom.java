package floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** {@link BasicRoom} with asynchronous sends (the URL's base is {@code /async}). */
@ServerEndpoint("/async/ws/rooms/{room}")
public class AsyncRoom {

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        Rooms.join(room, session);
        session.getAsyncRemote().sendText(Rooms.EMPTY_HISTORY);
    }

    @OnMessage
    public void message(Session session, @PathParam("room") String room, String text) {
        Rooms.Inbound in = Rooms.parse(text);
        if (in == null) {
            return;
        }
        String out = Rooms.frame(in, session.getId());
        for (Session other : Rooms.members(room)) {
            if (other != session && other.isOpen()) {
                other.getAsyncRemote().sendText(out);
            }
        }
        session.getAsyncRemote().sendText(Rooms.ack(in));
    }

    @OnClose
    public void close(Session session, @PathParam("room") String room) {
        Rooms.leave(room, session);
    }
}
