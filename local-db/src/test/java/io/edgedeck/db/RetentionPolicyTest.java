package io.edgedeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class RetentionPolicyTest {
    @Test
    void theBriefsTiersReadBackAsTheDefault() {
        assertThat(RetentionPolicy.parse("raw=7d,1m=30d,1h=1y,1d=5y")).isEqualTo(RetentionPolicy.DEFAULT);
        assertThat(RetentionPolicy.parse(RetentionPolicy.DEFAULT.describe())).isEqualTo(RetentionPolicy.DEFAULT);
    }

    @Test
    void tiersLeftOutKeepTheirDefaultAndUnitsAreHoursDaysWeeksYears() {
        RetentionPolicy p = RetentionPolicy.parse(" RAW = 36h , 1m=2w");
        assertThat(p.raw()).isEqualTo(Duration.ofHours(36));
        assertThat(p.minute()).isEqualTo(Duration.ofDays(14));
        assertThat(p.hour()).isEqualTo(RetentionPolicy.DEFAULT.hour());
        assertThat(p.describe()).isEqualTo("raw=36h,1m=14d,1h=365d,1d=1825d");
    }

    @Test
    void badTextGetsAMessageSayingWhatIsExpected() {
        assertThatThrownBy(() -> RetentionPolicy.parse("raw=7 days")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'7 days' of raw is not a number with h, d, w or y")
                .hasMessageContaining("raw=7d,1m=30d,1h=1y,1d=5y");
        assertThatThrownBy(() -> RetentionPolicy.parse("5m=3d")).hasMessageContaining("Unknown resolution '5m'")
                .hasMessageContaining("raw, 1m, 1h or 1d");
        assertThatThrownBy(() -> RetentionPolicy.parse("raw")).hasMessageContaining("'raw' is not resolution=period");
        assertThatThrownBy(() -> RetentionPolicy.parse(" ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> RetentionPolicy.parse("raw=0d")).hasMessageContaining("must be kept for some time");
    }

    @Test
    void aCoarserTierShorterThanAFinerOneIsRefusedWithTheFigures() {
        assertThatThrownBy(() -> RetentionPolicy.parse("raw=60d"))
                .hasMessageContaining("at least as long as the finer one")
                .hasMessageContaining("raw 60 d, 1m 30 d");
    }
}
