package io.edgedeck.link.codec;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.db.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.edgedeck.link.codec.Decoding.onlyReading;
import static io.edgedeck.link.codec.Decoding.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TopicMappingTest {
    @TempDir
    Path dir;

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void defaultSubscriptionFilters() {
        assertThat(TopicMapping.defaults().subscriptionFilters()).containsExactly(
                "smartplug/+/telemetry", "smartplug/+/status", "smartplug/+/availability",
                "sensors/+/telemetry", "sensors/+/availability", "sensors/+/status",
                "devices/+/telemetry", "devices/+/status", "devices/+/availability",
                "iot/data",
                "homeassistant/#",
                "tele/+/SENSOR", "tele/+/STATE", "tele/+/LWT", "stat/+/+", "cmnd/+/+",
                "shellies/+/relay/+/power", "shellies/+/relay/+/energy", "shellies/+/relay/+", "shellies/+/online",
                "+/status/+", "+/events/rpc", "+/online",
                "+/sensor/+/state", "+/switch/+/state", "+/status");
    }

    @Test
    void filtersAreDeduplicatedAndCoveredOnesDropped() {
        var m = TopicMapping.of(List.of(
                MappingRule.of("a/{device_id}/t", null, PayloadFormat.JSON),
                MappingRule.of("a/{site}/t", null, PayloadFormat.JSON),
                MappingRule.of("b/x/t", null, PayloadFormat.JSON),
                MappingRule.of("b/#", null, PayloadFormat.JSON),
                MappingRule.of("c/+/+", null, PayloadFormat.JSON),
                MappingRule.of("c/{device_id}/t", null, PayloadFormat.JSON)));
        assertThat(m.subscriptionFilters()).containsExactly("a/+/t", "b/#", "c/+/+");
    }

    @Test
    void loadsAGoodFileWithCustomAliasAndScale() throws IOException {
        Path file = write("fleet.json", """
                // a connection's mapping
                { "rules": [
                    { "topic": "farm/{zone}/{device_id}/meter", "kind": "plug", "format": "json",
                      "aliases": { "volts": "voltage", "milliamps": "current", "w": "power" },
                      "scale": { "current": 0.001 } },
                    { "topic": "farm/+/hub/probe", "kind": "sensor", "format": "keyvalue", "device": "hub-probe",
                      "aliases": { "t": "temperature" } },
                ] }
                """);
        TopicMapping m = TopicMapping.load(file);
        assertThat(m.rules()).hasSize(2);
        assertThat(m.rules().getFirst().scale()).isEqualTo(Map.of(Metric.CURRENT, 0.001));
        assertThat(m.subscriptionFilters()).containsExactly("farm/+/+/meter", "farm/+/hub/probe");
        var decoder = new MessageDecoder(m);
        Reading r = onlyReading(Decoding.decode(decoder, "farm/north/m-12/meter", "{\"volts\": 231, \"milliamps\": 520, \"w\": 119.6}"));
        assertThat(r.deviceId()).isEqualTo("m-12");
        assertThat(r.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(r.value(Metric.CURRENT)).isCloseTo(0.52, within(1e-12));
        assertThat(r.value(Metric.VOLTAGE)).isEqualTo(231.0);
        assertThat(r.value(Metric.POWER)).isEqualTo(119.6);
        Reading probe = onlyReading(Decoding.decode(decoder, "farm/south/hub/probe", "t=18.5"));
        assertThat(probe.deviceId()).isEqualTo("hub-probe");
        assertThat(probe.value(Metric.TEMPERATURE)).isEqualTo(18.5);
        assertThat(reason(Decoding.decode(decoder, "smartplug/p/telemetry", "{\"power\": 1}")))
                .isEqualTo("no mapping rule matches this topic");
    }

    @Test
    void bareArrayAndDefaultsForKindAndFormat() {
        TopicMapping m = TopicMapping.fromJson("[{\"topic\": \"x/{device_id}\"}]", "test");
        assertThat(m.rules().getFirst().kind()).isNull();
        assertThat(m.rules().getFirst().format()).isEqualTo(PayloadFormat.JSON);
        assertThat(onlyReading(Decoding.decode(new MessageDecoder(m), "x/d1", "{\"humidity\": 40}")).kind())
                .isEqualTo(DeviceKind.SENSOR);
    }

    @Test
    void userRulesOverrideDefaults() throws IOException {
        Path file = write("mine.json", """
                {"rules": [{"topic": "smartplug/{device_id}/telemetry", "kind": "plug",
                            "aliases": {"current_ma": "current"}, "scale": {"current": 0.001}}]}""");
        TopicMapping m = TopicMapping.loadWithDefaults(file);
        assertThat(m.rules()).hasSize(TopicMapping.defaults().rules().size() + 1);
        var decoder = new MessageDecoder(m);
        assertThat(onlyReading(Decoding.decode(decoder, "smartplug/p/telemetry", "{\"current_ma\": 250}")).value(Metric.CURRENT))
                .isCloseTo(0.25, within(1e-12));
        // the defaults still apply elsewhere
        assertThat(onlyReading(Decoding.decode(decoder, "sensors/s/telemetry", "{\"temperature\": 20}")).kind())
                .isEqualTo(DeviceKind.SENSOR);
        // and the defaults themselves are unchanged
        assertThat(TopicMapping.defaults().rules().getFirst().aliases()).doesNotContainKey("current_ma");
    }

    @Test
    void withRulesInCode() {
        TopicMapping m = TopicMapping.defaults().withRules(List.of(
                MappingRule.ofValue("lab/{device_id}/amps", DeviceKind.PLUG, Metric.CURRENT)
                        .withScale(Metric.CURRENT, 0.001),
                MappingRule.of("lab/{device_id}/json", null, PayloadFormat.JSON).withAlias("t_c", "temperature")));
        assertThat(m.subscriptionFilters()).startsWith("lab/+/amps", "lab/+/json");
        var decoder = new MessageDecoder(m);
        assertThat(onlyReading(Decoding.decode(decoder, "lab/l1/amps", "1500")).value(Metric.CURRENT)).isCloseTo(1.5, within(1e-12));
        assertThat(onlyReading(Decoding.decode(decoder, "lab/l1/json", "{\"T_C\": 4}")).value(Metric.TEMPERATURE)).isEqualTo(4.0);
    }

    @Test
    void aliasToIgnoreDropsAKnownField() {
        var m = TopicMapping.of(List.of(MappingRule.of("x/{device_id}", null, PayloadFormat.JSON).withAlias("voltage", "ignore")));
        Reading r = onlyReading(Decoding.decode(new MessageDecoder(m), "x/a", "{\"voltage\": \"junk\", \"power\": 1}"));
        assertThat(r.values()).isEqualTo(Map.of(Metric.POWER, 1.0));
    }

    @Test
    void malformedJsonFileNamesFileAndPosition() throws IOException {
        Path file = write("broken.json", "{ \"rules\": [ { \"topic\": \"a/b\" \n \"kind\": \"plug\" } ] }");
        assertThatThrownBy(() -> TopicMapping.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("malformed JSON at line 2");
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.json");
        assertThatThrownBy(() -> TopicMapping.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mapping file " + file + " does not exist");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "''|file is empty",
            "{}|no \"rules\" array",
            "{\"rules\": {}}|\"rules\" must be an array",
            "{\"rules\": []}|has no rules",
            "{\"rulez\": []}|unknown property \"rulez\"",
            "{\"rules\": [5]}|rule 1: must be an object",
            "{\"rules\": [{\"kind\": \"plug\"}]}|rule 1: \"topic\" is required",
            "{\"rules\": [{\"topic\": 5}]}|rule 1: \"topic\" must be a string",
            "{\"rules\": [{\"topic\": \"a\"}, {\"topic\": \"b\", \"kind\": \"lamp\"}]}|rule 2 (\"b\"): unknown kind \"lamp\"",
            "{\"rules\": [{\"topic\": \"a\", \"format\": \"xml\"}]}|rule 1 (\"a\"): unknown format \"xml\"",
            "{\"rules\": [{\"topic\": \"a\", \"alias\": {}}]}|rule 1 (\"a\"): unknown property \"alias\"",
            "{\"rules\": [{\"topic\": \"a\", \"aliases\": {\"t\": \"temprature\"}}]}|alias \"t\" -> \"temprature\": unknown target",
            "{\"rules\": [{\"topic\": \"a\", \"aliases\": {\"t\": 1}}]}|alias \"t\" must map to a string",
            "{\"rules\": [{\"topic\": \"a\", \"aliases\": []}]}|\"aliases\" must be an object",
            "{\"rules\": [{\"topic\": \"a\", \"scale\": {\"current\": \"x\"}}]}|scale for \"current\" must be a number",
            "{\"rules\": [{\"topic\": \"a\", \"scale\": {\"amps\": 2}}]}|scale: unknown metric \"amps\"",
            "{\"rules\": [{\"topic\": \"a\", \"scale\": {\"current\": 0}}]}|scale for current must be a finite non-zero number",
            "{\"rules\": [{\"topic\": \"a\", \"scale\": {\"relay\": 2}}]}|relay cannot be scaled",
            "{\"rules\": [{\"topic\": \"a\", \"format\": \"value\"}]}|format \"value\" needs a metric",
            "{\"rules\": [{\"topic\": \"a\", \"metric\": \"power\"}]}|a metric is only used with format \"value\"",
            "{\"rules\": [{\"topic\": \"a\", \"device\": \"bad id\"}]}|device id \"bad id\" is not allowed",
            "{\"rules\": [{\"topic\": \"a/#/b\"}]}|'#' must be the last level",
            "{\"rules\": [{\"topic\": \"a/dev{device_id}\"}]}|a placeholder must be a whole level",
            "{\"rules\": [{\"topic\": \"{device_id}/{device_id}\"}]}|{device_id} appears twice",
            "{\"rules\": [{\"topic\": \"a/{Device}\"}]}|bad placeholder \"{Device}\"",
            "{\"rules\": [{\"topic\": \"\"}]}|topic pattern is empty",
    })
    void malformedMappingsAreExplained(String json, String expected) {
        assertThatThrownBy(() -> TopicMapping.fromJson(json, "settings.json"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mapping settings.json: ")
                .hasMessageContaining(expected);
    }

    @Test
    void defaultsAreLoadedOnceFromTheResource() {
        assertThat(TopicMapping.defaults()).isSameAs(TopicMapping.defaults());
        assertThat(TopicMapping.class.getResource(TopicMapping.DEFAULT_RESOURCE)).isNotNull();
        assertThat(TopicMapping.defaults().rules()).extracting(MappingRule::topic)
                .contains("smartplug/{device_id}/telemetry", "sensors/{device_id}/telemetry", "iot/data",
                        "devices/{device_id}/telemetry");
    }

    @Test
    void ruleValidationInCode() {
        assertThatThrownBy(() -> MappingRule.of("a/{device_id}", null, PayloadFormat.JSON).withAlias("x", "volume"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown target");
        assertThatThrownBy(() -> TopicMapping.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void patternMatching() {
        TopicPattern p = TopicPattern.compile("smartplug/{device_id}/telemetry");
        assertThat(p.match("smartplug/p1/telemetry").deviceId()).isEqualTo("p1");
        assertThat(p.match("smartplug/p1/telemetryX")).isNull();
        assertThat(p.match("smartplug/p1")).isNull();
        assertThat(p.match("smartplug/p1/telemetry/")).isNull();
        TopicPattern multi = TopicPattern.compile("site/{device_id}/#");
        assertThat(multi.match("site/d/a/b").deviceId()).isEqualTo("d");
        assertThat(multi.match("site/d").deviceId()).isEqualTo("d");
        assertThat(multi.match("other/d/a")).isNull();
        assertThat(TopicPattern.compile("iot/data").match("iot/data")).isSameAs(TopicMatch.PLAIN);
        assertThat(TopicPattern.compile("iot/+").match("iot/data")).isSameAs(TopicMatch.PLAIN);
        assertThat(TopicPattern.compile("#").match("anything/at/all")).isSameAs(TopicMatch.PLAIN);
    }

    @Test
    void channelAndFieldPlaceholders() {
        TopicPattern power = TopicPattern.compile("stat/{device_id}/POWER{channel}");
        assertThat(power.filter()).isEqualTo("stat/+/+");
        assertThat(power.match("stat/plug/POWER2")).isEqualTo(new TopicMatch("plug", 2, null));
        assertThat(power.match("stat/plug/POWER")).isNull();
        assertThat(power.match("stat/plug/POWERx")).isNull();
        assertThat(power.match("stat/plug/POWER1234")).isNull();
        TopicPattern shelly = TopicPattern.compile("{device_id}/status/switch:{channel}");
        assertThat(shelly.match("shellyplus1pm-a8032ab12345/status/switch:0"))
                .isEqualTo(new TopicMatch("shellyplus1pm-a8032ab12345", 0, null));
        TopicPattern esphome = TopicPattern.compile("{device_id}/sensor/{field}/state");
        assertThat(esphome.match("kitchen/sensor/plug_power/state")).isEqualTo(new TopicMatch("kitchen", -1, "plug_power"));
        assertThatThrownBy(() -> TopicPattern.compile("a/{channel}x")).hasMessageContaining("mixes text");
        assertThatThrownBy(() -> TopicPattern.compile("a/{channel}/b{channel}")).hasMessageContaining("{channel} appears twice");
    }

    @Test
    void newRulePropertiesRoundTripThroughJson() {
        TopicMapping m = TopicMapping.fromJson("""
                { "rules": [
                  { "topic": "meters/{device_id}", "format": "json", "units": { "energy": "Wh", "temperature": "°F" },
                    "aliases": { "P{n}": "power@{n}", "T": "temperature" }, "quiet": true },
                  { "topic": "meters/{device_id}/lwt", "format": "availability", "words": { "alive": true, "dead": false } },
                  { "topic": "homeassistant/#", "format": "ha-discovery" } ] }""", "test");
        TopicMapping again = TopicMapping.fromJson(m.toJson(), "round trip");
        assertThat(again.rules()).isEqualTo(m.rules());
        assertThat(m.rules().getFirst().units()).containsEntry(Metric.ENERGY, "Wh");
        assertThat(m.rules().get(1).words()).containsEntry("alive", true);
    }

    @Test
    void badNewRulePropertiesAreExplained() {
        assertThatThrownBy(() -> TopicMapping.fromJson("[{\"topic\": \"a/b\", \"units\": {\"energy\": \"V\"}}]", "f"))
                .hasMessageContaining("unit \"V\" is not a unit of energy");
        assertThatThrownBy(() -> TopicMapping.fromJson("[{\"topic\": \"a/b\", \"aliases\": {\"P\": \"power@{n}\"}}]", "f"))
                .hasMessageContaining("@{n} needs {n} in the field name");
        assertThatThrownBy(() -> TopicMapping.fromJson("[{\"topic\": \"a/b\", \"format\": \"ha-discovery\"}]", "f"))
                .hasMessageContaining("needs a topic ending in /#");
        assertThatThrownBy(() -> TopicMapping.fromJson("[{\"topic\": \"a/b\", \"words\": {\"x\": true}}]", "f"))
                .hasMessageContaining("words are only used with format");
    }
}
