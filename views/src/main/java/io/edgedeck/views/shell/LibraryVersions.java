package io.edgedeck.views.shell;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The versions of EdgeDeck's main libraries as found on the class path: each library's jar is found through one of
 * its classes, its version read from the jar's manifest ({@code Implementation-Version}, else {@code Bundle-Version}),
 * else from the Maven {@code pom.properties} inside it, else from the jar's file name. Reads jar files: call it off
 * the FX thread.
 */
public final class LibraryVersions {
    /** A library and the class that identifies its jar. */
    record Library(String name, String className) {
    }

    static final List<Library> MAIN_LIBRARIES = List.of(
            new Library("JavaFX", "javafx.scene.Node"),
            new Library("TilesFX", "eu.hansolo.tilesfx.Tile"),
            new Library("ControlsFX", "org.controlsfx.control.Notifications"),
            new Library("JFreeChart", "org.jfree.chart.JFreeChart"),
            new Library("JFreeChart-FX", "org.jfree.chart.fx.ChartViewer"),
            new Library("HiveMQ MQTT client", "com.hivemq.client.mqtt.MqttClient"),
            new Library("HiveMQ CE (built-in broker)", "com.hivemq.embedded.EmbeddedHiveMQ"),
            new Library("H2 database", "org.h2.Driver"),
            new Library("BouncyCastle", "org.bouncycastle.jce.provider.BouncyCastleProvider"),
            new Library("nimbus-jose-jwt", "com.nimbusds.jose.JWSObject"),
            new Library("jSerialComm", "com.fazecast.jSerialComm.SerialPort"));

    private static final Pattern VERSION_IN_FILE_NAME = Pattern.compile("-(\\d+(?:\\.\\d+)+[^-]*)(?:-[a-z]+)?\\.jar$");

    private LibraryVersions() {
    }

    /** Every main library with its version ("unknown" when its jar says nothing, "missing" when it is absent). */
    public static List<LibraryVersion> read() {
        var out = new ArrayList<LibraryVersion>();
        for (Library lib : MAIN_LIBRARIES) {
            out.add(new LibraryVersion(lib.name(), versionOf(lib.className())));
        }
        return out;
    }

    /** The Java runtime: "25.0.1+8-LTS (Eclipse Adoptium)". */
    public static String javaRuntime() {
        return Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")";
    }

    static String versionOf(String className) {
        Class<?> c;
        try {
            c = Class.forName(className, false, LibraryVersions.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            return "missing";
        }
        if (className.startsWith("javafx.")) {
            String fx = System.getProperty("javafx.runtime.version");
            if (fx != null && !fx.isBlank()) {
                return fx.replaceFirst("\\+.*", "");
            }
        }
        String fromPackage = c.getPackage() == null ? null : c.getPackage().getImplementationVersion();
        Path jar = jarOf(c);
        if (jar != null && Files.isRegularFile(jar)) {
            String v = fromJar(jar);
            if (v != null) {
                return v;
            }
        }
        return fromPackage != null ? fromPackage : "unknown";
    }

    private static Path jarOf(Class<?> c) {
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static String fromJar(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            if (f.getManifest() != null) {
                Attributes a = f.getManifest().getMainAttributes();
                for (String key : List.of("Implementation-Version", "Bundle-Version")) {
                    String v = a.getValue(key);
                    if (v != null && !v.isBlank()) {
                        return v.strip();
                    }
                }
            }
            String fromPom = fromPomProperties(f, jar.getFileName().toString());
            if (fromPom != null) {
                return fromPom;
            }
        } catch (IOException e) {
            // fall through to the file name
        }
        Matcher m = VERSION_IN_FILE_NAME.matcher(jar.getFileName().toString());
        return m.find() ? m.group(1) : null;
    }

    /** The pom.properties whose artifactId starts the jar's name (a jar may carry others' pom.properties too). */
    private static String fromPomProperties(JarFile f, String jarName) throws IOException {
        String fallback = null;
        for (Enumeration<JarEntry> en = f.entries(); en.hasMoreElements(); ) {
            JarEntry e = en.nextElement();
            if (e.getName().startsWith("META-INF/maven/") && e.getName().endsWith("/pom.properties")) {
                var p = new Properties();
                try (InputStream in = f.getInputStream(e)) {
                    p.load(in);
                }
                String artifact = p.getProperty("artifactId", "");
                String version = p.getProperty("version");
                if (version != null && !artifact.isEmpty() && jarName.startsWith(artifact + "-")) {
                    return version;
                }
                fallback = fallback == null ? version : fallback;
            }
        }
        return fallback;
    }

    /** A library's name and version as About shows them. */
    public record LibraryVersion(String name, String version) {
    }
}
