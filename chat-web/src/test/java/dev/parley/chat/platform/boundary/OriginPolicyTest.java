package dev.parley.chat.platform.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OriginPolicyTest {

    @Test
    void byDefaultOnlyThePagesOwnOriginIsAllowed() {
        OriginPolicy cut = new OriginPolicy(null);
        assertThat(cut.allows("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(cut.allows("https://chat.example.com", "chat.example.com")).isTrue();
        assertThat(cut.allows("https://chat.example.com", "chat.example.com:443"))
                .isTrue();
        assertThat(cut.allows("https://evil.example", "chat.example.com")).isFalse();
        assertThat(cut.allows("http://localhost:9999", "localhost:8080")).isFalse();
        assertThat(cut.allows("null", "localhost:8080")).isFalse();
    }

    @Test
    void clientsWithoutAnOriginAreNotBrowsersAndPass() {
        assertThat(new OriginPolicy(null).allows(null, "localhost:8080")).isTrue();
    }

    @Test
    void aConfiguredListAddsToTheSameOriginRule() {
        OriginPolicy cut = new OriginPolicy("https://app.example.com, http://localhost:5173/");
        assertThat(cut.allows("https://APP.example.com", "api.example.com")).isTrue();
        assertThat(cut.allows("http://localhost:5173", "localhost:8080")).isTrue();
        assertThat(cut.allows("http://localhost:8080", "localhost:8080")).isTrue();
        assertThat(cut.allows("https://evil.example", "localhost:8080")).isFalse();
        assertThat(cut.listed("https://app.example.com")).isTrue();
        assertThat(cut.listed("http://localhost:8080")).isFalse();
    }
}
