package dev.parley.chat.room.boundary;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/**
 * Hands the endpoint the handshake's decision (see {@link HandshakeRules}): made before the upgrade
 * by {@link HandshakeRefusal} where that filter runs first (Payara), else here. The endpoint closes
 * connections refused here with 1008 before sending anything.
 */
public class HandshakeGuard extends ServerEndpointConfig.Configurator {

    private final HandshakeRules.LookedUpOnce<RoomSessions> sessions =
            new HandshakeRules.LookedUpOnce<>(RoomSessions.class);

    /**
     * Room endpoints are made here rather than by CDI: Weld building and injecting a managed
     * instance for every connection was a cost each of them paid, for two fields that never change.
     */
    @Override
    public <T> T getEndpointInstance(Class<T> endpointClass) throws InstantiationException {
        if (endpointClass != RoomSocket.class) {
            return super.getEndpointInstance(endpointClass);
        }
        return endpointClass.cast(new RoomSocket(sessions.get()));
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put(Admission.KEY, decide(request));
    }

    private static Admission decide(HandshakeRequest request) {
        Admission decidedBeforeTheUpgrade = HandshakeRefusal.admissionOfThisRequest();
        if (decidedBeforeTheUpgrade != null) {
            return decidedBeforeTheUpgrade;
        }
        Map<String, List<String>> headers = request.getHeaders();
        Map<String, List<String>> parameters = request.getParameterMap();
        return HandshakeRules.SHARED.decide(
                header(headers, "origin"),
                header(headers, "host"),
                request.getRequestURI().getRawPath(),
                name -> first(parameters, name));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null
                    && entry.getKey().equalsIgnoreCase(name)
                    && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> parameters, String name) {
        List<String> values = parameters.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
