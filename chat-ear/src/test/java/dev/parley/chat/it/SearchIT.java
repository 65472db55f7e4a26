package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/search} on the embedded database: matches with highlights, newest first, paging
 * without gaps or repeats, never a room the caller may not enter, and clear errors.
 */
class SearchIT extends DeployedAppIT {

    /** A word no other test writes, so that results are this test's alone. */
    private static String uniqueWord() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String room(String label) {
        return label + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private void say(Api.Login who, String room, String... bodies) {
        try (WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, who.token()))) {
            client.next("history");
            for (String body : bodies) {
                client.send(WsClient.message(UUID.randomUUID().toString(), body));
                client.next("ack");
            }
        }
    }

    private Api.Response search(String token, String query) {
        return api.get("api/search?" + query, token);
    }

    private static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<String> bodies(JsonObject page) {
        return page.getJsonArray("messages").getValuesAs(JsonObject.class).stream()
                .map(m -> m.getString("body"))
                .toList();
    }

    @Test
    void findsEveryWordNewestFirstWithHighlightsAndTheMessageObject() {
        String word = uniqueWord();
        String room = room("search");
        Api.Login alice = api.login("Alice");
        say(alice, room, "first " + word + " plan", "unrelated", "Second " + word.toUpperCase() + " plan review");

        JsonObject page = search(alice.token(), q(word + " PLAN")).json();
        assertThat(bodies(page))
                .containsExactly("Second " + word.toUpperCase() + " plan review", "first " + word + " plan");
        assertThat(page.getBoolean("hasMore")).isFalse();
        JsonObject newest = page.getJsonArray("messages").getJsonObject(0);
        assertThat(newest.getString("room")).isEqualTo(room);
        assertThat(newest.getJsonNumber("seq").longValue()).isEqualTo(3);
        assertThat(newest.getJsonObject("user").getString("id")).isEqualTo(alice.userId());
        assertThat(newest.getString("role")).isEqualTo("user");
        assertThat(newest.getString("createdAt")).endsWith("Z");
        int start = "Second ".length();
        assertThat(newest.getJsonArray("highlights").toString())
                .isEqualTo("[[" + start + "," + (start + word.length()) + "],[" + (start + word.length() + 1) + ","
                        + (start + word.length() + 5) + "]]");

        assertThat(bodies(search(alice.token(), q(word + " review")).json()))
                .as("every word must occur")
                .containsExactly("Second " + word.toUpperCase() + " plan review");
        assertThat(bodies(search(alice.token(), q(word) + "&room=" + room("elsewhere"))
                        .json()))
                .as("room narrows the search")
                .isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutGapsOrRepeats() {
        String word = uniqueWord();
        String room = room("paging");
        Api.Login alice = api.login("Alice");
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            sent.add(word + " number " + i);
        }
        say(alice, room, sent.toArray(String[]::new));

        List<String> found = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = search(alice.token(), q(word) + "&limit=3" + (cursor == null ? "" : "&before=" + cursor))
                    .json();
            found.addAll(bodies(page));
            cursor = page.getBoolean("hasMore") ? page.getString("nextBefore") : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(pages).isEqualTo(3);
        List<String> newestFirst = new ArrayList<>(sent);
        Collections.reverse(newestFirst);
        assertThat(found).containsExactlyElementsOf(newestFirst);
    }

    @Test
    void neverShowsARoomTheCallerMayNotEnter() {
        String word = uniqueWord();
        String open = room("open");
        String finance = room("finance");
        String removedFrom = room("removed");
        Api.Login admin = api.loginWithGroups("Root", "admin");
        Api.Login bob = api.login("Bob " + word);
        assertThat(api.put("api/rooms/" + finance, admin.token(), "{\"allowedGroups\":[\"finance\"]}")
                        .status())
                .isEqualTo(200);
        say(admin, open, "open " + word);
        say(admin, finance, "finance " + word);
        say(admin, removedFrom, "removed " + word);
        assertThat(api.put(
                                "api/admin/rooms/" + removedFrom + "/removals/" + bob.userId(),
                                admin.token(),
                                "{\"seconds\":600,\"reason\":\"testing search\"}")
                        .status())
                .isEqualTo(204);

        assertThat(bodies(search(bob.token(), q(word)).json())).containsExactly("open " + word);
        assertThat(search(bob.token(), q(word) + "&room=" + finance).status()).isEqualTo(403);
        assertThat(search(bob.token(), q(word) + "&room=" + removedFrom).status())
                .isEqualTo(403);
        assertThat(bodies(search(admin.token(), q(word)).json()))
                .containsExactly("removed " + word, "finance " + word, "open " + word);
    }

    @Test
    void badInputGetsAClearErrorAndNoTokenA401() {
        String token = api.login("Alice").token();
        for (String query : List.of(
                "",
                q("  "),
                q("?! %"),
                q("x".repeat(201)),
                q("ok") + "&limit=0",
                q("ok") + "&limit=101",
                q("ok") + "&limit=ten",
                q("ok") + "&before=garbage",
                q("ok") + "&room=Bad%20Room")) {
            Api.Response response = search(token, query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.json().getString("code")).isEqualTo("bad_request");
            assertThat(response.json().getString("message")).isNotBlank().doesNotContain("Exception");
        }
        assertThat(api.get("api/search?" + q("ok"), null).status()).isEqualTo(401);
    }
}
