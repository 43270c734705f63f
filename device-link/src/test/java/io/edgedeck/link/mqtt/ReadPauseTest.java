package io.edgedeck.link.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ReadPauseTest {

    private static Thread admitting(ReadPause pause, CountDownLatch admitted) {
        Thread t = new Thread(() -> {
            try {
                pause.admit();
                admitted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-event-loop");
        t.start();
        return t;
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        while (t.getState() != Thread.State.TIMED_WAITING && t.isAlive()) Thread.sleep(1);
    }

    @Test
    void admitsUpToTheLimitThenWaitsForAnAcknowledgement() throws Exception {
        ReadPause pause = new ReadPause(3, Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) pause.admit();
        CountDownLatch admitted = new CountDownLatch(1);
        Thread loop = admitting(pause, admitted);
        awaitWaiting(loop);
        assertThat(admitted.getCount()).as("the fourth waits").isEqualTo(1);
        assertThat(pause.pauses()).isEqualTo(1);

        pause.acknowledged(2);
        assertThat(admitted.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(pause.waiting()).isEqualTo(2);
        pause.admit(); // 3 again: no wait below the limit
        assertThat(pause.waiting()).isEqualTo(3);
        assertThat(pause.pauses()).isEqualTo(1);
    }

    @Test
    void stoppingEndsTheWait() throws Exception {
        ReadPause pause = new ReadPause(1, Duration.ofMinutes(5));
        pause.admit();
        CountDownLatch admitted = new CountDownLatch(1);
        Thread loop = admitting(pause, admitted);
        awaitWaiting(loop);
        pause.stop();
        assertThat(admitted.await(30, TimeUnit.SECONDS)).isTrue();
        pause.admit(); // stopped: never waits again
        assertThat(pause.waiting()).isEqualTo(3);
    }

    @Test
    void aStoreThatNeverCommitsHoldsReadingBackOnlyOncePerPause() throws Exception {
        ReadPause pause = new ReadPause(1, Duration.ofMillis(1));
        pause.admit();
        pause.admit(); // waits 1 ms, then gives up
        pause.admit(); // still over the limit: reads on without waiting again
        assertThat(pause.pauses()).isEqualTo(1);
        pause.acknowledged(3);
        pause.admit();
        pause.admit(); // a new pause
        assertThat(pause.pauses()).isEqualTo(2);
        assertThat(pause.waiting()).isEqualTo(2);
    }

    @Test
    void aLimitBelowOneIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ReadPause(0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
