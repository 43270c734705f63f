package io.edgedeck.views.shell;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowLayoutTest {
    static final Rectangle2D LAPTOP = new Rectangle2D(0, 0, 1366, 740);
    static final Rectangle2D RIGHT_4K = new Rectangle2D(1366, 0, 3840, 2100);

    @Test
    void aLayoutThatFitsStaysAsItWas() {
        var l = new WindowLayout(1500, 100, 2000, 1200, true, "HISTORY");
        assertThat(l.clampTo(List.of(LAPTOP, RIGHT_4K))).isEqualTo(l);
    }

    @Test
    void aWindowOnAMonitorThatIsGoneComesBackCentredOnThePrimaryOne() {
        var l = new WindowLayout(1500, 100, 2000, 1200, false, "HISTORY").clampTo(List.of(LAPTOP));
        assertThat(l.width()).isEqualTo(1366);
        assertThat(l.height()).isEqualTo(740);
        assertThat(l.x()).isEqualTo(0);
        assertThat(l.y()).isEqualTo(0);
        assertThat(l.screen()).isEqualTo("HISTORY");
    }

    @Test
    void aWindowHalfOffTheScreenIsPulledBackOn() {
        var l = new WindowLayout(1000, -50, 1000, 600, false, null).clampTo(List.of(LAPTOP));
        assertThat(l.y()).isEqualTo(0);
        assertThat(l.x() + l.width()).isLessThanOrEqualTo(1366);
        assertThat(l.width()).isEqualTo(1000);
    }

    @Test
    void aFirstStartFitsA1366By768Laptop() {
        var l = WindowLayout.firstStart(List.of(LAPTOP));
        assertThat(l.width()).isLessThanOrEqualTo(1366);
        assertThat(l.height()).isLessThanOrEqualTo(740);
        assertThat(l.maximized()).isFalse();
    }
}
