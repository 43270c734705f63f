package io.edgedeck.services.topics;

import io.edgedeck.db.DeviceKind;
import io.edgedeck.db.Metric;
import io.edgedeck.link.codec.PayloadFormat;
import io.edgedeck.link.codec.TopicMapping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Map this topic to a device…": guesses from topic and payload, the rule, its preview, the mapping file. */
class MappingProposalTest {
    private static final long NOW = 1_764_000_000_000L;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonFieldsAreGuessedAndTheDeviceComesFromItsLevel() {
        byte[] payload = b("{\"watts\": 412.5, \"volts\": 229.8, \"amps\": 1.79, \"rssi\": -61}");
        var p = MappingProposal.guess("workshop/meter-7/data", payload);
        assertThat(p.pattern()).isEqualTo("workshop/{device_id}/data");
        assertThat(p.deviceId()).isEqualTo("meter-7");
        assertThat(p.format()).isEqualTo(ProposedFormat.JSON_FIELDS);
        assertThat(p.kind()).isEqualTo(DeviceKind.PLUG);
        assertThat(p.fields()).extracting(ProposedField::name, ProposedField::metric).containsExactly(
                org.assertj.core.groups.Tuple.tuple("watts", Metric.POWER),
                org.assertj.core.groups.Tuple.tuple("volts", Metric.VOLTAGE),
                org.assertj.core.groups.Tuple.tuple("amps", Metric.CURRENT),
                org.assertj.core.groups.Tuple.tuple("rssi", null));
        var rule = p.toRule();
        assertThat(rule.format()).isEqualTo(PayloadFormat.JSON);
        assertThat(rule.aliases()).containsEntry("watts", "power").doesNotContainKey("rssi");
        assertThat(p.preview(payload, NOW)).isEqualTo("meter-7 (plug): voltage 229.8 V, current 1.79 A, power 412.5 W");
    }

    @Test
    void aPlainValueTakesItsMetricFromTheTopic() {
        var p = MappingProposal.guess("garden/pond/temperature", b("14.2"));
        assertThat(p.format()).isEqualTo(ProposedFormat.PLAIN_VALUE);
        assertThat(p.metric()).isEqualTo(Metric.TEMPERATURE);
        assertThat(p.kind()).isEqualTo(DeviceKind.SENSOR);
        assertThat(p.pattern()).isEqualTo("garden/{device_id}/temperature");
        assertThat(p.preview(b("14.2"), NOW)).isEqualTo("pond (sensor): temperature 14.2 °C");
    }

    @Test
    void keyValuePairsAreRecognised() {
        var p = MappingProposal.guess("iot/compressor", b("power:812,voltage:231"));
        assertThat(p.format()).isEqualTo(ProposedFormat.KEY_VALUE);
        assertThat(p.fields()).extracting(ProposedField::metric).containsExactly(Metric.POWER, Metric.VOLTAGE);
        assertThat(p.preview(b("power:812,voltage:231"), NOW)).startsWith("compressor (plug): ");
    }

    @Test
    void aFixedDeviceIdAndMistakesInWords() {
        var p = MappingProposal.guess("workshop/meter-7/data", b("{\"watts\": 1}")).withPattern("workshop/meter-7/data")
                .withDeviceId("bench-meter");
        assertThat(p.toRule().device()).isEqualTo("bench-meter");
        assertThat(p.preview(b("{\"watts\": 1}"), NOW)).startsWith("bench-meter (plug)");
        assertThat(p.withPattern("other/{device_id}/x").preview(b("{\"watts\": 1}"), NOW))
                .isEqualTo("The pattern does not match workshop/meter-7/data.");
        assertThat(p.withDeviceId("bad id!").preview(b("{}"), NOW)).startsWith("Not yet: device id \"bad id!\" is not allowed");
        var none = p.withFields(p.fields().stream().map(f -> f.withMetric(null)).toList());
        assertThatThrownBy(none::toRule).hasMessage("choose what at least one field is");
    }

    @Test
    void theRuleGoesFirstIntoTheMappingFileAndReplacesOneOfTheSamePattern(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mappings/topic-mapping.json");
        var rule = MappingProposal.guess("workshop/meter-7/data", b("{\"watts\": 1}")).toRule();
        TopicMappingFile.addRule(file, rule);
        assertThat(TopicMapping.load(file).rules()).containsExactly(rule);

        var other = MappingProposal.guess("garden/pond/temperature", b("14.2")).toRule();
        TopicMappingFile.addRule(file, other);
        var again = MappingProposal.guess("workshop/meter-7/data", b("{\"watts\": 1, \"volts\": 230}")).toRule();
        var mapping = TopicMappingFile.addRule(file, again);
        assertThat(TopicMapping.load(file).rules()).containsExactly(again, other);
        assertThat(mapping.rules()).containsExactly(again, other);
        assertThat(Files.exists(dir.resolve("mappings/topic-mapping.json.bak"))).isTrue();

        Files.writeString(file, "{ not json");
        assertThatThrownBy(() -> TopicMappingFile.addRule(file, rule)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("malformed JSON");
    }
}
