package dev.parley.chat.it;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small REST client for the tests: real HTTP against the running server. */
public final class Api {

    private final URI base;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public Api(URL base) {
        this(URI.create(base.toString().endsWith("/") ? base.toString() : base + "/"));
    }

    public Api(URI base) {
        this.base = base;
    }

    public URI base() {
        return base;
    }

    public Login login(String name) {
        return loginWith(Json.createObjectBuilder().add("name", name).build().toString());
    }

    public Login loginWithGroups(String name, String... groups) {
        var array = Json.createArrayBuilder();
        for (String group : groups) {
            array.add(group);
        }
        return loginWith(Json.createObjectBuilder()
                .add("name", name)
                .add("groups", array)
                .build()
                .toString());
    }

    private Login loginWith(String body) {
        Response response = post("api/auth/dev-login", null, body);
        if (response.status() != 200) {
            throw new AssertionError("dev login failed: " + response.status() + " " + response.body());
        }
        JsonObject json = response.json();
        return new Login(
                json.getString("token"),
                json.getJsonObject("user").getString("id"),
                json.getJsonObject("user").getString("name"));
    }

    public Response get(String path, String token) {
        return send(builder(path, token).GET());
    }

    public Response post(String path, String token, String body) {
        return send(builder(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response put(String path, String token, String body) {
        return send(builder(path, token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response delete(String path, String token) {
        return send(builder(path, token).DELETE());
    }

    /** A CORS preflight as a browser on {@code origin} would send it. */
    public java.net.http.HttpResponse<String> preflight(String path, String origin) {
        try {
            return http.send(
                    HttpRequest.newBuilder(base.resolve(path))
                            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                            .header("Origin", origin)
                            .header("Access-Control-Request-Method", "GET")
                            .header("Access-Control-Request-Headers", "authorization")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed", e);
        }
    }

    /** A GET as a browser on {@code origin} would send it. */
    public java.net.http.HttpResponse<String> getFrom(String path, String token, String origin) {
        try {
            return http.send(
                    builder(path, token).header("Origin", origin).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed", e);
        }
    }

    private HttpRequest.Builder builder(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(
                    response.statusCode(),
                    response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("request failed", e);
        }
    }

    /** A dev login: the token and who it is for. */
    public record Login(String token, String userId, String name) {}

    /** An HTTP answer. */
    public record Response(int status, String body, String contentType) {

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonArray array() {
            return (JsonArray) structure();
        }

        private JsonStructure structure() {
            try (var reader = Json.createReader(new StringReader(body))) {
                return reader.read();
            }
        }
    }
}
