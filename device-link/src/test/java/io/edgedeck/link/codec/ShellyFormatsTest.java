package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.IngestBatch;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.edgedeck.link.codec.Decoding.decode;
import static io.edgedeck.link.codec.Decoding.onlyAvailability;
import static io.edgedeck.link.codec.Decoding.onlyReading;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Shelly Gen2/Gen3 and Gen1 MQTT payloads from the Shelly API documentation. */
class ShellyFormatsTest {
    /** https://shelly-api-docs.shelly.cloud/gen2/ComponentsAndServices/Switch (status example). */
    private static final String SWITCH_STATUS = """
            {
              "id": 0,
              "source": "timer",
              "output": true,
              "timer_started_at": 1626935739.79,
              "timer_duration": 60,
              "apower": 8.9,
              "voltage": 237.5,
              "aenergy": {
                "total": 6.532,
                "by_minute": [45.199, 47.141, 88.397],
                "minute_ts": 1626935779
              },
              "temperature": {
                "tC": 23.5,
                "tF": 74.4
              }
            }""";

    @Test
    void switchStatusInWattHoursBecomesKilowattHours() {
        Reading r = onlyReading(decode("shellyplus1pm-a8032ab12345/status/switch:0", SWITCH_STATUS));
        assertThat(r.deviceId()).isEqualTo("shellyplus1pm-a8032ab12345");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.value(Metric.POWER)).isEqualTo(8.9);
        assertThat(r.value(Metric.VOLTAGE)).isEqualTo(237.5);
        assertThat(r.value(Metric.RELAY)).isEqualTo(1.0);
        assertThat(r.value(Metric.ENERGY)).isCloseTo(0.006532, within(1e-12)); // aenergy.total is Wh, EdgeDeck's energy kWh
        assertThat(r.value(Metric.TEMPERATURE)).isEqualTo(23.5); // temperature.tC: the device's own temperature
    }

    @Test
    void secondSwitchOfAPlus2pmIsChannelOne() {
        Reading r = onlyReading(decode("shellyplus2pm-c049ef8b1234/status/switch:1", SWITCH_STATUS));
        assertThat(r.deviceId()).isEqualTo("shellyplus2pm-c049ef8b1234-1");
    }

    @Test
    void notifyStatusPartialUpdates() {
        // https://shelly-api-docs.shelly.cloud/gen2/General/Notifications  Example 1: a button changed the output
        Reading r = onlyReading(decode("shellypro4pm-f008d1d8b8b8/events/rpc", """
                {
                   "src": "shellypro4pm-f008d1d8b8b8",
                   "dst": "user_1",
                   "method": "NotifyStatus",
                   "params": {
                      "ts": 1631186545.04,
                      "switch:0": {
                         "id": 0,
                         "output": true,
                         "source": "button"
                      }
                   }
                }"""));
        assertThat(r.deviceId()).isEqualTo("shellypro4pm-f008d1d8b8b8");
        assertThat(r.values()).isEqualTo(Map.of(Metric.RELAY, 1.0));
        assertThat(r.epochMillis()).isEqualTo(1_631_186_545_040L); // params.ts, Unix seconds with fraction
        // Example 2: lost the cloud — understood, nothing to store
        IngestBatch cloud = decode("shellypro4pm-f008d1d8b8b8/events/rpc", """
                {
                   "src": "shellypro4pm-f008d1d8b8b8",
                   "dst": "user_1",
                   "method": "NotifyStatus",
                   "params": {
                      "ts": 1624348482.25,
                      "cloud": {
                         "connected": false
                      }
                   }
                }""");
        assertThat(cloud.readings()).isEmpty();
        assertThat(cloud.quarantined()).isEmpty();
        assertThat(cloud.notes()).hasSize(1);
    }

    @Test
    void notifyFullStatusWithTwoSwitches() {
        // NotifyFullStatus carries every component's full status (Notifications page); the switch values are the
        // status example of the Switch page
        IngestBatch b = decode("shellyplus2pm-c049ef8b1234/events/rpc", """
                {"src":"shellyplus2pm-c049ef8b1234","dst":"shellyplus2pm-c049ef8b1234/events","method":"NotifyFullStatus",
                 "params":{"ts":1626935779.00,
                   "switch:0":{"id":0,"source":"timer","output":true,"apower":8.9,"voltage":237.5,
                               "aenergy":{"total":6.532,"by_minute":[45.199,47.141,88.397],"minute_ts":1626935779},
                               "temperature":{"tC":23.5,"tF":74.4}},
                   "switch:1":{"id":1,"source":"init","output":false,"apower":0,"voltage":237.5,
                               "aenergy":{"total":0,"by_minute":[0,0,0],"minute_ts":1626935779},
                               "temperature":{"tC":23.5,"tF":74.4}},
                   "sys":{"mac":"C049EF8B1234","restart_required":false}}}""");
        assertThat(b.quarantined()).isEmpty();
        assertThat(b.readings()).extracting(Reading::deviceId)
                .containsExactly("shellyplus2pm-c049ef8b1234", "shellyplus2pm-c049ef8b1234-1");
        assertThat(b.readings().get(0).value(Metric.ENERGY)).isCloseTo(0.006532, within(1e-12));
        assertThat(b.readings().get(1).value(Metric.RELAY)).isEqualTo(0.0);
        assertThat(b.readings()).allSatisfy(r -> assertThat(r.epochMillis()).isEqualTo(1_626_935_779_000L));
    }

    @Test
    void onlineTrueFalse() {
        assertThat(onlyAvailability(decode("shellyplus1pm-a8032ab12345/online", "true")).online()).isTrue();
        assertThat(onlyAvailability(decode("shellyplus1pm-a8032ab12345/online", "false")).online()).isFalse();
    }

    @Test
    void gen1EnergyInWattMinutes() {
        // https://shelly-api-docs.shelly.cloud/gen1/#shelly-plug-plugs-mqtt : relay/0/energy is in watt-minute
        assertThat(onlyReading(decode("shellies/shellyplug-s-7C87CE/relay/0/energy", "60000")).value(Metric.ENERGY))
                .isCloseTo(1.0, within(1e-9));
        Reading second = onlyReading(decode("shellies/shellyswitch25-7C87CE/relay/1/power", "42.17"));
        assertThat(second.deviceId()).isEqualTo("shellyswitch25-7C87CE-1");
        assertThat(second.value(Metric.POWER)).isEqualTo(42.17);
    }
}
