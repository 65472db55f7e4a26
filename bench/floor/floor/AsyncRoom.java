package floor;

import jakarta.websocket.OnClose;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** {@link BasicRoom} with asynchronous sends (the URL's base is {@code /async}). */
@ServerEndpoint("/async/ws/rooms/{room}")
public class AsyncRoom {

    @OnOpen
    public void open(Session session, @PathParam("room") String room) {
        Rooms.join(room, session);
        session.getAsyncRemote().sendText(Rooms.EMPTY_HISTORY);
    }

    @OnMessage
    public void message(Session session, @PathParam("room") String room, String text) throws IOException {
        Rooms.relay(room, session, text, (to, frame) -> to.getAsyncRemote().sendText(frame));
    }

    @OnClose
    public void close(Session session, @PathParam("room") String room) {
        Rooms.leave(room, session);
    }
}
