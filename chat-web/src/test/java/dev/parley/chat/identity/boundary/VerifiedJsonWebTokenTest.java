package dev.parley.chat.identity.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerifiedJsonWebTokenTest {

    private final VerifiedJsonWebToken jwt = new VerifiedJsonWebToken(
            "header.payload.signature",
            Map.of(
                    "sub",
                    "u-1",
                    "preferred_username",
                    "ada",
                    "exp",
                    1_900_000_000,
                    "aud",
                    "parley",
                    "groups",
                    List.of("chat-users", "chat-admins"),
                    "realm_access",
                    Map.of("roles", List.of("x"))));

    @Test
    void answersAsMicroProfileJwtWould() {
        assertThat(jwt.getName()).isEqualTo("ada");
        assertThat(jwt.getSubject()).isEqualTo("u-1");
        assertThat(jwt.getExpirationTime()).isEqualTo(1_900_000_000L);
        assertThat(jwt.getAudience()).containsExactly("parley");
        assertThat(jwt.getGroups()).containsExactlyInAnyOrder("chat-users", "chat-admins");
        assertThat(jwt.getRawToken()).isEqualTo("header.payload.signature");
        assertThat(jwt.getClaimNames()).contains("sub", "realm_access", "raw_token");
    }

    @Test
    void theClaimsMappingSeesTheProvidersGroupsNotTheAppsRoles() {
        assertThat(JwtClaims.of(jwt))
                .containsEntry("groups", List.of("chat-users", "chat-admins"))
                .containsEntry("realm_access", Map.of("roles", List.of("x")));
    }

    @Test
    void neverPrintsTheToken() {
        assertThat(jwt.toString()).doesNotContain("signature").contains("ada");
    }
}
