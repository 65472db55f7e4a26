package dev.parley.chat.platform.config;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Finds an OpenID Connect provider's JWKS address in its discovery document. */
public final class OidcDiscovery {

    private static final Logger LOG = Logger.getLogger(OidcDiscovery.class.getName());
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private OidcDiscovery() {}

    /** {@code jwks_uri} from {@code <issuer>/.well-known/openid-configuration}; empty if unreachable. */
    public static Optional<String> jwksUri(String issuer) {
        URI document = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        try {
            HttpClient client = HttpClient.newBuilder()
                    .connectTimeout(TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(document)
                            .timeout(TIMEOUT)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                LOG.warning(() -> "OIDC discovery: " + document + " answered " + response.statusCode());
                return Optional.empty();
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                JsonObject metadata = reader.readObject();
                return Optional.ofNullable(metadata.getString("jwks_uri", null));
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "OIDC discovery: {0} could not be read: {1}", new Object[] {document, e.toString()});
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.empty();
        }
    }
}
