package dev.parley.chat.room.boundary;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.websocket.server.ServerContainer;

/** Tunes the container's WebSocket implementation once, before the first connection. */
@WebListener
public class WebSocketContainerSetup implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (container != null) {
            TyrusIdleTimer.disableForContainer(container);
        }
    }
}
