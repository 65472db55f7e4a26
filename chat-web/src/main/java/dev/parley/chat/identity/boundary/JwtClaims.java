package dev.parley.chat.identity.boundary;

import dev.parley.chat.identity.control.IdentityMapping;
import dev.parley.chat.identity.entity.Identity;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A verified token's claims as plain Java values (servers hand them out as JSON-P values). */
final class JwtClaims {

    private JwtClaims() {}

    /** The caller a verified token proves, under the configured claims mapping. */
    static Identity identity(IdentityMapping mapping, JsonWebToken jwt) {
        return mapping.identity(of(jwt), Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    static Map<String, Object> of(JsonWebToken jwt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String name : jwt.getClaimNames()) {
            Object value = plain(jwt.getClaim(name));
            if (value != null) {
                claims.put(name, value);
            }
        }
        return claims;
    }

    private static Object plain(Object value) {
        if (value instanceof JsonString text) {
            return text.getString();
        }
        if (value instanceof JsonNumber number) {
            return number.numberValue();
        }
        if (value instanceof JsonArray array) {
            List<Object> items = new ArrayList<>();
            array.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (value instanceof JsonObject object) {
            Map<String, Object> map = new LinkedHashMap<>();
            object.forEach((key, item) -> map.put(key, plain(item)));
            return map;
        }
        if (value instanceof JsonValue json) {
            return switch (json.getValueType()) {
                case TRUE -> Boolean.TRUE;
                case FALSE -> Boolean.FALSE;
                default -> null;
            };
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        return value;
    }
}
