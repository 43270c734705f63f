package io.edgedeck.services.links;

import io.edgedeck.services.files.OwnerOnlyFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static io.edgedeck.services.links.RecordingChannels.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The devices' connections in a real file beside settings.json, across "restarts" (a new keeper on the same file). */
class RememberedOriginsTest {
    @TempDir
    Path dir;

    private final RecordingChannels channels = new RecordingChannels();
    private final List<String> sent = channels.sent;
    /** Never written by itself in a test: close() writes (so the tests need no timing). */
    private static final Duration LATER = Duration.ofHours(1);

    private Path file() {
        return dir.resolve(DeviceOriginsFile.FILE_NAME);
    }

    @Test
    void renamingAProfileMovesItsDevicesToTheNewNameInTheFileAtOnce() throws Exception {
        var origins = new DeviceOrigins();
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), origins, LATER)) {
            origins.heard("plug-b1", "Plant B");
            origins.heard("plug-b2", "plant b"); // remembered in another case: the same profile
            origins.heard("plug-a", "Lab");
            kept.flush();
            long writes = kept.writes();

            assertEquals(2, kept.renamed("Plant B", "Plant North"));
            assertEquals(writes + 1, kept.writes(), "written at once, not at the next change");
            assertEquals(Map.of("plug-b1", "Plant North", "plug-b2", "Plant North", "plug-a", "Lab"),
                    new DeviceOriginsFile(file()).load().origins());
            origins.existingConnections(List.of("Plant North", "Lab")); // what the dialog's close checks
            assertEquals(Optional.of(new DeviceOrigins.Origin("Plant North", false)), origins.origin("plug-b1"));

            assertEquals(0, kept.renamed("Plant B", "Plant South"), "nothing named the old name any more");
            assertEquals(0, kept.renamed("Nowhere", "Elsewhere"));
            assertEquals(writes + 1, kept.writes(), "a rename that moves nothing writes nothing");
        }
        var after = new DeviceOrigins(); // a restart
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), after, LATER)) {
            assertEquals(Optional.of("Plant North"), after.connectionOf("plug-b2"));
            assertEquals(Optional.of("Lab"), after.connectionOf("plug-a"));
            assertEquals(0, kept.writes());
        }
    }

    @Test
    void originsComeBackAfterARestartAndAreWrittenOnlyOnChange() throws Exception {
        var before = new DeviceOrigins();
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), before, LATER)) {
            for (int i = 0; i < 100; i++) before.heard("plug-" + i, "Shop floor");
            before.heard("plug-b", "Lab");
            kept.flush();
            assertEquals(1, kept.writes(), "101 changes, one write");
            before.heard("plug-b", "Lab");
            before.heard("plug-7", "Shop floor");
            kept.flush();
            assertEquals(1, kept.writes(), "heard again on the same connection: nothing to write");
            before.heard("plug-7", "Lab"); // moved to another broker
            kept.flush();
            assertEquals(2, kept.writes());
        }
        if (OwnerOnlyFiles.posix()) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(OwnerOnlyFiles.backupOf(file()))));
        }
        assertTrue(Files.readString(OwnerOnlyFiles.backupOf(file())).contains("\"plug-7\" : \"Shop floor\""),
                "the file before the last write is kept as .bak");

        var after = new DeviceOrigins(); // the restart
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), after, LATER)) {
            assertEquals(Optional.of("Lab"), after.connectionOf("plug-7"));
            assertEquals(Optional.of("Lab"), after.connectionOf("plug-b"));
            assertEquals(Optional.of("Shop floor"), after.connectionOf("plug-99"));
            assertTrue(kept.loadProblem().isEmpty());

            var routed = new RoutedCommands(after, n -> Optional.of(channels.channel(n)), () -> channels.channel("primary"));
            routed.publish(command("plug-7"), Duration.ofSeconds(1)).get();
            assertEquals(List.of("Lab:plug-7"), sent, "routed by the remembered origin, before plug-7 was heard");
            kept.flush();
            assertEquals(0, kept.writes(), "what was read is not written back");
        }
    }

    @Test
    void aChangeIsWrittenOnTheWritersThreadAfterTheDelayWithoutClosing() throws Exception {
        var origins = new DeviceOrigins();
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), origins, Duration.ofMillis(50))) {
            origins.heard("plug-a", "Lab");
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (kept.writes() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
            assertEquals(1, kept.writes());
            assertEquals(Map.of("plug-a", "Lab"), new DeviceOriginsFile(file()).load().origins());
        }
    }

    @Test
    void anOriginWhoseConnectionNoLongerExistsIsShownAsWasAndNotRouted() throws Exception {
        new DeviceOriginsFile(file()).save(Map.of("plug-a", "Old lab", "plug-b", "Shop floor"));
        var origins = new DeviceOrigins();
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), origins, LATER)) {
            long v = origins.version();
            origins.existingConnections(List.of("Demo fleet (built-in broker)", "shop FLOOR")); // "Old lab" was renamed
            assertTrue(origins.version() > v, "the table refreshes");
            assertEquals(Optional.of(new DeviceOrigins.Origin("Old lab", true)), origins.origin("plug-a"));
            assertEquals("was Old lab", origins.origin("plug-a").orElseThrow().label());
            assertEquals("Shop floor", origins.origin("plug-b").orElseThrow().label());

            var routed = new RoutedCommands(origins, n -> n.equals("Shop floor") ? Optional.of(channels.channel(n)) : Optional.empty(),
                    () -> channels.channel("primary"));
            var e = assertThrows(ExecutionException.class, () -> routed.publish(command("plug-a"), Duration.ofSeconds(1)).get());
            assertTrue(e.getCause().getMessage().contains("plug-a was heard on the connection 'Old lab', which no longer "
                    + "exists (its profile was deleted or renamed)"), e.getCause().getMessage());
            assertTrue(sent.isEmpty(), "not sent through the primary connection, where nothing would answer");

            origins.heard("plug-a", "Lab"); // heard again, on the renamed profile
            assertEquals(new DeviceOrigins.Origin("Lab", false), origins.origin("plug-a").orElseThrow());
            routed.publish(command("plug-b"), Duration.ofSeconds(1)).get();
            assertEquals(List.of("Shop floor:plug-b"), sent);

            origins.heard("plug-c", "command line"); // a device heard on a connection proves that it exists
            origins.existingConnections(List.of("Lab", "Shop floor", "command line"));
            assertFalse(origins.origin("plug-c").orElseThrow().gone());
        }
    }

    @Test
    void aCorruptFileIsKeptAsCorruptAndTheConsoleStartsWithoutOrigins() throws Exception {
        Files.writeString(file(), "{ \"origins\": { \"plug-a\": \"Lab\", ", StandardCharsets.UTF_8); // cut short
        var origins = new DeviceOrigins();
        try (var kept = RememberedOrigins.start(new DeviceOriginsFile(file()), origins, LATER)) {
            assertTrue(origins.snapshot().isEmpty());
            assertTrue(kept.loadProblem().orElseThrow().contains("could not be read"), kept.loadProblem().orElseThrow());
            assertTrue(kept.loadProblem().orElseThrow().contains("kept as device-origins.json.corrupt"));
            assertFalse(Files.exists(file()));
            assertEquals("{ \"origins\": { \"plug-a\": \"Lab\", ", Files.readString(DeviceOriginsFile.corruptOf(file())));

            origins.heard("plug-a", "Lab");
        }
        assertEquals(Map.of("plug-a", "Lab"), new DeviceOriginsFile(file()).load().origins(), "the next write is whole");
    }

    @Test
    void wellFormedJsonOfTheWrongShapeIsCorruptToo() throws Exception {
        for (String bad : List.of("", "[]", "{\"origins\": [\"Lab\"]}", "{\"origins\": {\"plug-a\": 3}}",
                "{\"origins\": {\"plug-a\": \" \"}}")) {
            Files.writeString(file(), bad);
            var loaded = new DeviceOriginsFile(file()).load();
            assertTrue(loaded.origins().isEmpty(), bad);
            assertTrue(loaded.problem().isPresent(), bad);
            assertEquals(bad, Files.readString(DeviceOriginsFile.corruptOf(file())));
        }
        assertTrue(new DeviceOriginsFile(dir.resolve("missing.json")).load().problem().isEmpty(), "no file: no problem");
    }

    @Test
    void anUnreadableFileIsMovedAsideWithoutFailing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OwnerOnlyFiles.posix(), "POSIX permissions");
        new DeviceOriginsFile(file()).save(Map.of("plug-a", "Lab"));
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("---------"));
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file()), "root reads everything");
        var loaded = new DeviceOriginsFile(file()).load();
        assertTrue(loaded.origins().isEmpty());
        assertTrue(loaded.problem().orElseThrow().contains("could not be read"), loaded.problem().orElseThrow());
        assertTrue(Files.exists(DeviceOriginsFile.corruptOf(file())));
    }
}
