package dev.parley.chat.platform.control;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void allowsTheBurstThenTheRate() {
        TokenBucket cut = new TokenBucket(10, 20, 0);
        int allowed = 0;
        for (int i = 0; i < 30; i++) {
            if (cut.tryTake(0)) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(20);
        assertThat(cut.tryTake(SECOND / 20)).isFalse();
        assertThat(cut.tryTake(SECOND / 10)).isTrue();
        assertThat(cut.tryTake(SECOND / 10)).isFalse();
    }

    @Test
    void neverHoldsMoreThanTheBurst() {
        TokenBucket cut = new TokenBucket(10, 5, 0);
        long later = 3600 * SECOND;
        int allowed = 0;
        while (cut.tryTake(later)) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(5);
        assertThat(cut.isFull(later)).isFalse();
        assertThat(cut.isFull(later + SECOND)).isTrue();
    }
}
