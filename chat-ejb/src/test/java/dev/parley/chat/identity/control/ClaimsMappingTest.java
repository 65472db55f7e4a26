package dev.parley.chat.identity.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.chat.identity.entity.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClaimsMappingTest {

    @Test
    void takesTheIdFromSubAndTheNameFromTheFirstNameClaim() {
        Identity identity = new ClaimsMapping("groups")
                .identity(
                        Map.of("sub", "123", "preferred_username", "ann", "groups", List.of("user", "admin")),
                        Instant.EPOCH);
        assertThat(identity.id()).isEqualTo("123");
        assertThat(identity.name()).isEqualTo("ann");
        assertThat(identity.groups()).containsExactlyInAnyOrder("user", "admin");
        assertThat(identity.isAdmin()).isTrue();
    }

    @Test
    void readsRolesFromANestedClaimSuchAsKeycloaksRealmAccess() {
        Identity identity = new ClaimsMapping("realm_access.roles")
                .identity(Map.of("sub", "1", "realm_access", Map.of("roles", List.of("user"))), Instant.EPOCH);
        assertThat(identity.groups()).containsExactly("user");
        assertThat(identity.name()).isEqualTo("1");
    }

    @Test
    void mapsTheProvidersGroupsToTheAppsRolesAndKeepsThem() {
        ClaimsMapping mapping = new ClaimsMapping("roles", Set.of("Chat.Admin"), Set.of("Chat.User"));
        assertThat(mapping.identity(Map.of("sub", "1", "roles", List.of("Chat.Admin", "eng")), Instant.EPOCH)
                        .groups())
                .containsExactlyInAnyOrder("Chat.Admin", "eng", "admin");
        assertThat(mapping.identity(Map.of("sub", "2", "roles", List.of("Chat.User")), Instant.EPOCH)
                        .groups())
                .containsExactlyInAnyOrder("Chat.User", "user");
        assertThat(mapping.identity(Map.of("sub", "3", "roles", "other-app"), Instant.EPOCH)
                        .groups())
                .containsExactly("other-app");
    }

    @Test
    void everyoneSignedInIsAUserWhenTheUserGroupsAreAStar() {
        ClaimsMapping mapping = new ClaimsMapping("groups", Set.of("ops"), Set.of(ClaimsMapping.EVERYONE));
        assertThat(mapping.identity(Map.of("sub", "1"), Instant.EPOCH).groups()).containsExactly("user");
    }

    @Test
    void aTokenWithoutSubjectProvesNobody() {
        assertThatThrownBy(() -> new ClaimsMapping("groups").identity(Map.of("name", "x"), Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void devNamesAreTrimmedCheckedAndMappedToStableIds() {
        assertThat(DevNames.validate("  Alice ")).isEqualTo("Alice");
        assertThat(DevNames.userId("Alice")).isEqualTo(DevNames.userId("Alice")).isNotEqualTo(DevNames.userId("Bob"));
        assertThatThrownBy(() -> DevNames.validate(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DevNames.validate("a\u0000b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DevNames.validate("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(DevNames.validate("😀".repeat(64))).hasSize(128);
    }
}
