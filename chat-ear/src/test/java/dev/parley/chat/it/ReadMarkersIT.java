package dev.parley.chat.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Read markers kept on the server: every device of a user agrees, the rooms list counts unread
 * messages and mentions from them, and a room opens knowing where its reader stopped.
 */
class ReadMarkersIT extends DeployedAppIT {

    String room;

    @BeforeEach
    void freshRoom() {
        room = "reading-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private WsClient join(Api.Login login) {
        WsClient client = WsClient.connect(WsClient.roomUri(api.base(), room, login.token()));
        client.next("history");
        return client;
    }

    private static JsonObject read(long seq) {
        return Json.createObjectBuilder().add("type", "read").add("seq", seq).build();
    }

    private JsonObject listed(Api.Login who) {
        return api.get("api/rooms", who.token()).array().getValuesAs(JsonObject.class).stream()
                .filter(r -> r.getString("name").equals(room))
                .findFirst()
                .orElseThrow();
    }

    private static void say(WsClient client, String body) {
        client.send(WsClient.message(UUID.randomUUID().toString(), body));
        client.next("ack");
    }

    @Test
    void theMarkerIsSharedByTheUsersDevicesAndCountsUnreadMessagesAndMentions() {
        Api.Login alice = api.login("Alice");
        String bobName = "Bob " + room;
        Api.Login bob = api.login(bobName);
        try (WsClient aliceTab = join(alice);
                WsClient bobPhone = join(bob);
                WsClient bobLaptop = join(bob)) {
            assertThat(listed(bob).containsKey("unread"))
                    .as("never read: no count")
                    .isFalse();
            say(aliceTab, "one");
            say(aliceTab, "two, @" + bobName.toUpperCase() + " please look");
            say(aliceTab, "three");

            bobPhone.send(read(1));
            assertThat(bobLaptop.next("read").getJsonNumber("seq").longValue()).isEqualTo(1);
            assertThat(bobPhone.next("read").getJsonNumber("seq").longValue()).isEqualTo(1);
            JsonObject row = listed(bob);
            assertThat(row.getJsonNumber("lastRead").longValue()).isEqualTo(1);
            assertThat(row.getJsonNumber("unread").longValue()).isEqualTo(2);
            assertThat(row.getJsonNumber("mentions").longValue()).isEqualTo(1);

            bobLaptop.send(read(0));
            bobLaptop.assertNone(frame -> "read".equals(frame.getString("type")), Duration.ofMillis(400));
            assertThat(listed(bob).getJsonNumber("lastRead").longValue())
                    .as("a marker only moves forward")
                    .isEqualTo(1);

            bobLaptop.send(read(999));
            assertThat(bobPhone.next("read").getJsonNumber("seq").longValue())
                    .as("capped at the room's last seq")
                    .isEqualTo(3);
            row = listed(bob);
            assertThat(row.getJsonNumber("unread").longValue()).isZero();
            assertThat(row.getJsonNumber("mentions").longValue()).isZero();

            aliceTab.send(read(3));
            aliceTab.next("read");
            say(aliceTab, "my own message");
            assertThat(listed(alice).getJsonNumber("unread").longValue())
                    .as("one's own messages are read")
                    .isZero();
            assertThat(listed(bob).getJsonNumber("unread").longValue()).isEqualTo(1);
        }
        try (WsClient later = WsClient.connect(WsClient.roomUri(api.base(), room, bob.token()))) {
            assertThat(later.next("welcome").getJsonNumber("lastRead").longValue())
                    .isEqualTo(3);
        }
    }

    @Test
    void aBadReadFrameIsRefusedClearly() {
        Api.Login alice = api.login("Alice");
        try (WsClient client = join(alice)) {
            for (String bad : new String[] {
                "{\"type\":\"read\"}", "{\"type\":\"read\",\"seq\":-1}", "{\"type\":\"read\",\"seq\":1.5}"
            }) {
                client.send(bad);
                assertThat(client.next("error").getString("code")).as(bad).isEqualTo("bad_request");
            }
            client.send("{\"type\":\"read\",\"seq\":\"2\"}");
            assertThat(client.next("error").getString("message")).contains("seq");
        }
    }
}
