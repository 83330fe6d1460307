package org.anomaly4j;

import java.io.File;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/** The test JVM's classpath, for tests that start another JVM (surefire may hand it over in a manifest-only jar). */
public final class TestClasspath {
    private TestClasspath() {
    }

    public static List<String> full() {
        List<String> entries = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.contains("surefirebooter")) {
                try (JarFile jar = new JarFile(e)) {
                    for (String u : jar.getManifest().getMainAttributes().getValue("Class-Path").split(" ")) {
                        if (!u.isBlank()) {
                            entries.add(Path.of(URI.create(u)).toString());
                        }
                    }
                } catch (java.io.IOException ex) {
                    throw new IllegalStateException("cannot read the surefire classpath jar " + e, ex);
                }
            } else {
                entries.add(e);
            }
        }
        return entries;
    }

    /** Without the project's own classes: DL4J, ND4J and the other dependencies only. */
    public static List<String> dependenciesOnly() {
        List<String> deps = new ArrayList<>();
        for (String e : full()) {
            String n = e.replace('\\', '/').replaceAll("/$", "");
            if (!n.endsWith("/target/classes") && !n.endsWith("/target/test-classes")) {
                deps.add(e);
            }
        }
        return deps;
    }

    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
