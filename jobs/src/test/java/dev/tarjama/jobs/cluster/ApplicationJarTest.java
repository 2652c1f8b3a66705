package dev.tarjama.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The spark-submit jar carries Tarjama, DJL and the natives, and nothing a Spark installation has. */
@Tag("cluster")
class ApplicationJarTest {
    @Test
    void jarHasTheModelStackAndNoSpark() throws Exception {
        try (JarFile jar = new JarFile(ClusterJob.appJar().toFile())) {
            Set<String> names = jar.stream().map(ZipEntry::getName).collect(Collectors.toSet());
            for (String prefix : List.of("org/apache/spark/", "org/apache/hadoop/", "scala/", "com/fasterxml/",
                    "org/slf4j/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(prefix)), "no " + prefix);
            }
            for (String entry : List.of("dev/tarjama/jobs/cli/Main.class", "picocli/CommandLine.class",
                    "dev/tarjama/jobs/cli/version.properties", "ai/djl/engine/Engine.class",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so",
                    "native/lib/linux-x86_64/cpu/libtokenizers.so",
                    "META-INF/services/ai.djl.engine.EngineProvider")) {
                assertTrue(names.contains(entry), entry);
            }
            assertTrue(names.stream().noneMatch(n -> n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".pdb")),
                    "signatures and debug symbols stripped");
            Manifest manifest = jar.getManifest();
            assertEquals("dev.tarjama.jobs.cli.Main", manifest.getMainAttributes().getValue("Main-Class"));
            // Both engines' providers survive the merge of service files.
            String providers = new String(jar.getInputStream(jar.getEntry("META-INF/services/ai.djl.engine.EngineProvider"))
                    .readAllBytes());
            assertTrue(providers.contains("ai.djl.onnxruntime.engine.OrtEngineProvider"), providers);
        }
        String sparkJars = Files.readString(StandaloneCluster.target().resolve("spark-classpath.txt"));
        for (String own : List.of("/ai/djl/", "/dev/tarjama/", "/onnxruntime/", "/lucene/", "/mustache/", "/picocli/")) {
            assertTrue(!sparkJars.contains(own), "the cluster's Spark jars must not carry " + own);
        }
    }
}
