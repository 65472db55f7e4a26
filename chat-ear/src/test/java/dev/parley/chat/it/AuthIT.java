package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Dev login, and which tokens REST and the WebSocket accept. */
class AuthIT extends DeployedAppIT {

    @Test
    void configSaysDevMode() {
        Api.Response response = api.get("api/auth/config", null);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().getString("mode")).isEqualTo("dev");
    }

    @Test
    void devLoginIssuesAVerifiableTokenAndTheSameNameKeepsItsId() {
        Api.Response first = api.post("api/auth/dev-login", null, "{\"name\":\"  Alice  \"}");
        assertThat(first.status()).isEqualTo(200);
        JsonObject body = first.json();
        assertThat(body.getJsonObject("user").getString("name")).isEqualTo("Alice");
        assertThat(Instant.parse(body.getString("expiresAt"))).isAfter(Instant.now());
        assertThat(body.getString("token").split("\\.")).hasSize(3);

        Api.Login again = api.login("Alice");
        assertThat(again.userId()).isEqualTo(body.getJsonObject("user").getString("id"));
        assertThat(api.login("Bob").userId()).isNotEqualTo(again.userId());
        assertThat(api.get("api/rooms", body.getString("token")).status()).isEqualTo(200);
    }

    @Test
    void badNamesAreRefusedWithAJsonError() {
        String tooLong = "x".repeat(65);
        for (String body : new String[] {
            "{\"name\":\"\"}",
            "{\"name\":\"   \"}",
            "{\"name\":\"" + tooLong + "\"}",
            "{\"name\":\"a\\u0007b\"}",
            "{}",
            "not json",
            "[]"
        }) {
            Api.Response response = api.post("api/auth/dev-login", null, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.json().getString("code")).as(body).isEqualTo("bad_request");
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("at dev.parley");
        }
    }

    @Test
    void meSaysWhoTheCallerIsAndWhichRolesTheServerGrantsThem() {
        Api.Login admin = api.loginWithGroups("Ada", "admin");
        JsonObject adminMe = api.get("api/auth/me", admin.token()).json();
        assertThat(adminMe.getJsonObject("user").getString("id")).isEqualTo(admin.userId());
        assertThat(adminMe.getBoolean("admin")).isTrue();
        assertThat(adminMe.getJsonArray("roles").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .contains("admin");

        JsonObject userMe = api.get("api/auth/me", api.login("Una").token()).json();
        assertThat(userMe.getBoolean("admin")).isFalse();
        assertThat(userMe.getJsonArray("roles").getValuesAs(JsonString.class))
                .extracting(JsonString::getString)
                .containsExactly("user");

        assertThat(api.get("api/auth/me", null).status()).isEqualTo(401);
        assertThat(api.get("api/auth/me", TestTokens.token().groups("guest").sign())
                        .status())
                .isEqualTo(403);
    }

    @Test
    void restWithoutAValidTokenIs401AndWithoutTheRoleIs403() {
        assertUnauthorized(null);
        assertUnauthorized("not-a-jwt");
        assertUnauthorized(TestTokens.token().key(TestTokens.strangerKey()).sign());
        assertUnauthorized(
                TestTokens.token().expiresAt(Instant.now().minusSeconds(600)).sign());
        assertUnauthorized(TestTokens.token().issuer("https://evil.example").sign());
        assertUnauthorized(TestTokens.token().audience("someone-else").sign());

        Api.Response noRole =
                api.get("api/rooms", TestTokens.token().groups("guest").sign());
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(noRole.json().getString("code")).isEqualTo("forbidden");
    }

    @Test
    void webSocketRefusesTheSameTokensWith401BeforeUpgrading() {
        for (String token : new String[] {
            "",
            "garbage",
            TestTokens.token().key(TestTokens.strangerKey()).sign(),
            TestTokens.token().expiresAt(Instant.now().minusSeconds(600)).sign(),
            TestTokens.token().issuer("https://evil.example").sign()
        }) {
            WsClient.Refusal refusal = WsClient.refusal(WsClient.roomUri(api.base(), "lobby", token));
            assertThat(refusal.status()).as(token).isEqualTo(401);
            assertThat(refusal.body().getString("code")).as(token).isEqualTo("unauthorized");
            assertThat(refusal.body().getString("message")).as(token).startsWith("unauthorized");
        }
        WsClient.Refusal noRole = WsClient.refusal(WsClient.roomUri(
                api.base(), "lobby", TestTokens.token().groups("guest").sign()));
        assertThat(noRole.status()).isEqualTo(403);
        assertThat(noRole.body().getString("code")).isEqualTo("forbidden");
    }

    @Test
    void anOpenConnectionWhoseTokenExpiresGetsTokenExpiredAndIsClosedWith1008() {
        String shortLived =
                TestTokens.token().expiresAt(Instant.now().plusSeconds(3)).sign();
        WsClient client = WsClient.connect(WsClient.roomUri(api.base(), "expiry", shortLived));
        assertThat(client.next("welcome").getString("room")).isEqualTo("expiry");
        JsonObject error =
                client.next(frame -> "error".equals(frame.getString("type")), java.time.Duration.ofSeconds(15));
        assertThat(error.getString("code")).isEqualTo("token_expired");
        assertThat(client.awaitClose().code()).isEqualTo(1008);
    }

    @Test
    void theProtocolDocumentsArePublicAndAdminCallsNeedTheAdminRole() {
        Api.Response asyncApi = api.get("api/asyncapi.json", null);
        assertThat(asyncApi.status()).isEqualTo(200);
        assertThat(asyncApi.json().getString("asyncapi")).startsWith("3.");
        assertThat(asyncApi.json().getJsonObject("channels").containsKey("room"))
                .isTrue();
        Api.Response openApi = api.get("openapi", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body())
                .as("titled as Parley's API, not 'Deployed Resources'")
                .contains("title: Parley")
                .contains("/api/auth/me");

        assertThat(api.get("api/admin/stats", null).status()).isEqualTo(401);
        assertThat(api.get("api/admin/stats", api.login("Plain").token()).status())
                .isEqualTo(403);
        String admin = api.loginWithGroups("Root", "admin").token();
        Api.Response before = api.get("api/admin/stats", admin);
        assertThat(before.status()).isEqualTo(200);
        String statsRoom = "stats-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        try (WsClient client = WsClient.connect(
                WsClient.roomUri(api.base(), statsRoom, api.login("Counted").token()))) {
            client.next("history");
            client.send(WsClient.message(java.util.UUID.randomUUID().toString(), "count me"));
            client.next("ack");
            JsonObject after = api.get("api/admin/stats", admin).json();
            assertThat(after.getJsonNumber("connections").longValue()).isPositive();
            assertThat(after.getJsonNumber("rooms").longValue())
                    .isEqualTo(before.json().getJsonNumber("rooms").longValue() + 1);
            assertThat(after.getJsonNumber("messagesStored").longValue())
                    .isEqualTo(before.json().getJsonNumber("messagesStored").longValue() + 1);
            assertThat(after.getJsonNumber("assistantRequests").longValue())
                    .isEqualTo(before.json().getJsonNumber("assistantRequests").longValue());
        }
    }

    @Test
    void onlyListedOriginsGetCorsAndListedOnesMayOpenTheWebSocket() {
        var preflight = api.preflight("api/rooms", "http://app.example");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight
                        .headers()
                        .firstValue("Access-Control-Allow-Headers")
                        .orElse(""))
                .contains("Authorization");
        assertThat(api.preflight("api/rooms", "https://evil.example").statusCode())
                .isEqualTo(403);

        String token = api.login("Cors").token();
        var allowed = api.getFrom("api/rooms", token, "http://app.example");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("http://app.example");
        var other = api.getFrom("api/rooms", token, "https://evil.example");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        try (WsClient listed = WsClient.connect(
                WsClient.roomUri(api.base(), "cors", token), java.util.Map.of("Origin", "http://app.example"))) {
            assertThat(listed.next("welcome").getString("room")).isEqualTo("cors");
        }
    }

    @Test
    void errorsAreJsonAndOversizedBodiesAre413() {
        String token = api.login("Carol").token();
        Api.Response unknown = api.get("api/nothing-here", token);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().getString("code")).isEqualTo("not_found");

        Api.Response huge = api.put("api/rooms/big", token, "{\"title\":\"" + "x".repeat(70_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().getString("code")).isEqualTo("too_large");
    }

    private void assertUnauthorized(String token) {
        Api.Response response = api.get("api/rooms", token);
        assertThat(response.status()).as(String.valueOf(token)).isEqualTo(401);
        assertThat(response.json().getString("code")).isEqualTo("unauthorized");
    }
}
