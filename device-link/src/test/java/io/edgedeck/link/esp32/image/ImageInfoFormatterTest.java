package io.edgedeck.link.esp32.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The image-info report: its text repeats esptool's lines, its JSON carries the fixtures' fields. */
class ImageInfoFormatterTest {
    static Stream<String> expectedFiles() {
        return Esp32ImageFixtureTest.expectedFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void textStartsWithEsptoolsImageInfoLines(String expectedName) throws IOException {
        String base = expectedName.replace(".expected.json", "");
        String esptool = new String(Fixtures.read(base + ".image_info.txt"), StandardCharsets.UTF_8);
        String ours = ImageInfoFormatter.toText(ImageInfo.describe(Fixtures.folder().resolve(base + ".bin")));
        List<String> expectedLines = esptool.lines().skip(1).toList(); // the first line names esptool's version
        List<String> ourLines = ours.lines().toList();
        assertThat(ourLines.size()).isGreaterThan(expectedLines.size());
        assertThat(ourLines.subList(0, expectedLines.size())).isEqualTo(expectedLines);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedFiles")
    void jsonHoldsEveryFieldOfTheFixture(String expectedName) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(Fixtures.read(expectedName));
        String name = expected.get("file").asText();
        JsonNode ours = new ObjectMapper().readTree(ImageInfoFormatter.toJson(ImageInfo.describe(Fixtures.folder().resolve(name))));
        assertContains(ours, expected, "");
    }

    @Test
    void aPartitionTableIsDescribedAsOne() throws IOException {
        ImageInfo info = ImageInfo.describe(Fixtures.folder().resolve("partition-table_singleapp_3k.bin"));
        assertThat(info.kind()).isEqualTo(ImageInfo.Kind.PARTITION_TABLE);
        assertThat(ImageInfoFormatter.toText(info)).contains("factory           app   factory   0x00010000  0x00100000")
                .contains("MD5: f4ad4f4538564b5d7435b62c75b69524 (valid)");
    }

    @Test
    void garbageIsDescribedNotThrown() {
        ImageInfo info = ImageInfo.describe("noise.bin", new byte[]{1, 2, 3});
        assertThat(info.kind()).isEqualTo(ImageInfo.Kind.UNKNOWN);
        assertThat(ImageInfoFormatter.toText(info)).contains("not 0xE9");
        assertThat(ImageInfoFormatter.toJsonTree(info).get("error").asText()).contains("not 0xE9");
    }

    /** Every field of {@code expected} (recursively) is in {@code actual} with the same value. */
    private static void assertContains(JsonNode actual, JsonNode expected, String path) {
        if (expected.isObject()) {
            for (Iterator<String> it = expected.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (f.equals("generated_by")) {
                    continue;
                }
                assertThat(actual.has(f)).as("%s.%s present", path, f).isTrue();
                assertContains(actual.get(f), expected.get(f), path + "." + f);
            }
        } else if (expected.isArray()) {
            assertThat(actual.size()).as(path).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                assertContains(actual.get(i), expected.get(i), path + "[" + i + "]");
            }
        } else if (expected.isNumber()) {
            assertThat(actual.asLong()).as(path).isEqualTo(expected.asLong());
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }
}
