package io.edgedeck.link.esp32.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real pseudo-terminal pair from {@code socat -d -d pty,raw,echo=0 pty,raw,echo=0}: what one end writes, the other
 * reads, through the kernel's tty layer. {@link #available()} says whether socat is installed.
 */
public final class SocatPtyPair implements AutoCloseable {

    private static final Pattern PTY = Pattern.compile("PTY is (\\S+)");

    private final Process process;
    private final String first;
    private final String second;

    private SocatPtyPair(Process process, String first, String second) {
        this.process = process;
        this.first = first;
        this.second = second;
    }

    public static boolean available() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "socat"))) {
                return true;
            }
        }
        return false;
    }

    public static SocatPtyPair start() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("socat", "-d", "-d", "pty,raw,echo=0", "pty,raw,echo=0")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        List<String> ptys = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        String line;
        while (ptys.size() < 2 && System.nanoTime() < deadline && (line = err.readLine()) != null) {
            Matcher m = PTY.matcher(line);
            if (m.find()) {
                ptys.add(m.group(1));
            }
        }
        if (ptys.size() < 2) {
            p.destroyForcibly();
            throw new IOException("socat did not report two pseudo-terminals");
        }
        // keep draining socat's log so it never blocks on a full pipe
        Thread drain = new Thread(() -> {
            try {
                while (err.readLine() != null) {
                    // discard
                }
            } catch (IOException ignored) {
                // socat ended
            }
        }, "socat-log");
        drain.setDaemon(true);
        drain.start();
        return new SocatPtyPair(p, ptys.get(0), ptys.get(1));
    }

    /** The path the host (flasher) opens. */
    public String hostPath() {
        return first;
    }

    /** The path the simulated board opens. */
    public String devicePath() {
        return second;
    }

    /** Pulls the "cable": socat exits and both pseudo-terminals hang up. */
    public void kill() throws InterruptedException {
        process.destroy();
        process.waitFor(2, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(2, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
