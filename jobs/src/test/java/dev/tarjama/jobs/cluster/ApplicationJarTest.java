package dev.tarjama.jobs.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import java.nio.file.Files;
import java.nio.file.Path;
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
            for (String prefix : List.of("org/apache/hadoop/", "scala/", "com/fasterxml/", "org/slf4j/")) {
                assertTrue(names.stream().noneMatch(n -> n.startsWith(prefix)), "no " + prefix);
            }
            // Delta's own classes live in Spark's package (org.apache.spark.sql.delta): those, and nothing of Spark.
            Set<String> delta;
            try (JarFile deltaJar = new JarFile(Path.of(DeltaTable.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).toFile())) {
                delta = deltaJar.stream().map(ZipEntry::getName).collect(Collectors.toSet());
            }
            List<String> spark = names.stream().filter(n -> n.startsWith("org/apache/spark/") && !delta.contains(n))
                    .toList();
            assertEquals(List.of(), spark, "no Spark classes");
            for (String entry : List.of("dev/tarjama/jobs/cli/Main.class", "picocli/CommandLine.class",
                    "dev/tarjama/jobs/cli/version.properties", "ai/djl/engine/Engine.class",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                    "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so",
                    "native/lib/linux-x86_64/cpu/libtokenizers.so",
                    "META-INF/services/ai.djl.engine.EngineProvider",
                    // output.format=delta: Spark is provided, Delta is not
                    "io/delta/tables/DeltaTable.class", "io/delta/storage/HDFSLogStore.class",
                    "org/apache/spark/sql/delta/catalog/DeltaCatalog.class")) {
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
            String sources = new String(jar.getInputStream(jar.getEntry(
                    "META-INF/services/org.apache.spark.sql.sources.DataSourceRegister")).readAllBytes());
            assertTrue(sources.contains("org.apache.spark.sql.delta.sources.DeltaDataSource"), sources);
        }
        String sparkJars = Files.readString(StandaloneCluster.target().resolve("spark-classpath.txt"));
        for (String own : List.of("/ai/djl/", "/dev/tarjama/", "/onnxruntime/", "/lucene/", "/mustache/", "/picocli/")) {
            assertTrue(!sparkJars.contains(own), "the cluster's Spark jars must not carry " + own);
        }
    }
}
