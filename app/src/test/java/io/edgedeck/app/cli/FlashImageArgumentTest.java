package io.edgedeck.app.cli;

import io.edgedeck.app.AppPaths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** A .bin opened from the desktop arrives as the console's only argument; a mistyped command must not look like one. */
class FlashImageArgumentTest {
    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private Run run(String... args) {
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EdgeDeckCommand(new AppPaths(dir, dir, dir)))
                .setExecutionExceptionHandler(new ErrorReporter())
                .setOut(new PrintWriter(new StringWriter(), true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, err.toString());
    }

    @Test
    void aFileArgumentAndTheOptionBothNameTheImage() throws Exception {
        Path image = Files.write(dir.resolve("blink.bin"), new byte[] {(byte) 0xE9});
        EdgeDeckCommand positional = new EdgeDeckCommand(new AppPaths(dir, dir, dir));
        new CommandLine(positional).parseArgs(image.toString());
        assertThat(positional.imageArgument).isEqualTo(image);

        EdgeDeckCommand option = new EdgeDeckCommand(new AppPaths(dir, dir, dir));
        new CommandLine(option).parseArgs("--flash-image", image.toString());
        assertThat(option.flashImage).isEqualTo(image);
    }

    @Test
    void aWordThatIsNeitherACommandNorAFileIsAUsageError() {
        Run r = run("simulat");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("'simulat' is neither an EdgeDeck command nor a firmware image file");
    }

    @Test
    void aMissingImageFileIsNamed() {
        Run r = run("--flash-image", dir.resolve("gone.bin").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("there is no firmware image file").contains("gone.bin");
    }

    @Test
    void theImageGoesOnlyOnce() throws Exception {
        Path image = Files.write(dir.resolve("blink.bin"), new byte[] {(byte) 0xE9});
        Run r = run("--flash-image", image.toString(), image.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("give the firmware image once");
    }
}
