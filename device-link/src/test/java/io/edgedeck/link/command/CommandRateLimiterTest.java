package io.edgedeck.link.command;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandRateLimiterTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
    private final CommandRateLimiter limiter = new CommandRateLimiter(clock);

    @Test
    void tenPerRollingMinutePerDevice() {
        for (int i = 0; i < 10; i++) {
            limiter.acquire("plug-3");
            clock.advance(Duration.ofSeconds(3)); // 10 commands over 30 s: the first was at 0 s
        }
        clock.set(Instant.parse("2026-03-01T12:00:37Z"));
        assertThatThrownBy(() -> limiter.acquire("plug-3")).isInstanceOf(RateLimitExceededException.class)
                .hasMessage("plug-3 already had 10 commands in the last minute; next allowed in 23 s");
        limiter.acquire("plug-4"); // other devices are not affected

        clock.set(Instant.parse("2026-03-01T12:01:00Z")); // the first one has left the window
        limiter.acquire("plug-3");
        assertThatThrownBy(() -> limiter.acquire("plug-3")).isInstanceOf(RateLimitExceededException.class)
                .satisfies(e -> assertThat(((RateLimitExceededException) e).retryAfter()).isEqualTo(Duration.ofSeconds(3)));
    }

    @Test
    void aRefusedCommandDoesNotCount() {
        CommandRateLimiter two = new CommandRateLimiter(clock, 2, Duration.ofSeconds(10));
        two.acquire("d");
        two.acquire("d");
        for (int i = 0; i < 5; i++) assertThatThrownBy(() -> two.acquire("d")).hasMessageContaining("next allowed in 10 s");
        clock.advance(Duration.ofSeconds(10));
        two.acquire("d");
    }
}
