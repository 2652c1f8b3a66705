package dev.tarjama.jobs.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.models.hub.HubException;
import dev.tarjama.models.hub.ModelPreparer;
import dev.tarjama.models.integrity.ArchivePacker;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging from a Hadoop file system ({@code file://} here) onto local disk: once, atomically, verified. */
class ModelStagerTest {
    @TempDir Path tmp;
    Path model;
    Path local;

    @BeforeEach
    void prepare() throws IOException {
        ModelStager.forgetVerified();
        model = ModelPreparer.prepare(tinyModel("marian-spm"), tmp.resolve("shared-fs/opus"), false).folder();
        local = tmp.resolve("executor-local");
    }

    static Path tinyModel(String name) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("models/tiny").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("models/tiny/" + name + " not found");
    }

    ModelStager stager() {
        return new ModelStager(local, new Configuration());
    }

    @Test
    void folderIsCopiedOnceVerifiedAndReused() throws IOException {
        ModelStager.Staged first = stager().stage(model.toUri().toString());

        assertTrue(first.copied());
        assertTrue(first.folder().startsWith(local));
        assertTrue(Files.isRegularFile(first.folder().resolve(ModelStager.MARKER)));
        ModelVerifier.verify(first.folder());
        assertArrayEquals(Files.readAllBytes(model.resolve("encoder_model.onnx")),
                Files.readAllBytes(first.folder().resolve("encoder_model.onnx")));

        ModelStager.Staged second = stager().stage(model.toUri().toString());
        assertFalse(second.copied());
        assertEquals(first.folder(), second.folder());
        try (Stream<Path> entries = Files.list(local)) {
            assertEquals(List.of(first.folder()), entries.filter(p -> !p.getFileName().toString().equals(".locks")).toList(),
                    "one folder, no temporary leftovers");
        }
    }

    @Test
    void concurrentThreadsCopyOnce() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ModelStager.Staged>> results = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return stager().stage(model.toUri().toString());
            }));
        }
        start.countDown();
        int copies = 0;
        Set<Path> folders = new HashSet<>();
        for (Future<ModelStager.Staged> f : results) {
            ModelStager.Staged s = f.get(60, TimeUnit.SECONDS);
            copies += s.copied() ? 1 : 0;
            folders.add(s.folder());
        }
        pool.shutdown();
        assertEquals(1, copies);
        assertEquals(1, folders.size());
    }

    @Test
    void concurrentProcessesCopyOnce() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    StageMain.class.getName(), local.toString(), model.toUri().toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start());
        }
        int copies = 0;
        Set<String> folders = new HashSet<>();
        for (Process p : processes) {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), output);
            String last = output.lines().reduce((a, b) -> b).orElse("");
            assertTrue(last.startsWith("copied="), output);
            copies += last.startsWith("copied=true") ? 1 : 0;
            folders.add(last.substring(last.indexOf(' ') + 1));
        }
        assertEquals(1, copies, "one process copies, the others wait for it and reuse the folder");
        assertEquals(1, folders.size());
        ModelVerifier.verify(Path.of(folders.iterator().next()));
    }

    @Test
    void leftoverHalfCopyAndUnmarkedFolderAreNeverUsed() throws IOException {
        ModelStager.Staged first = stager().stage(model.toUri().toString());
        Path folder = first.folder();
        Files.delete(folder.resolve(ModelStager.MARKER));
        Files.delete(folder.resolve("decoder_model.onnx"));
        Path crashed = folder.resolveSibling("." + folder.getFileName() + ".incomplete-crashed");
        Files.createDirectories(crashed);
        Files.writeString(crashed.resolve("config.json"), "{}");
        ModelStager.forgetVerified();

        ModelStager.Staged again = stager().stage(model.toUri().toString());

        assertTrue(again.copied(), "an unmarked folder is copied again");
        ModelVerifier.verify(again.folder());
        assertFalse(Files.exists(crashed), "a crashed stager's temporary folder is removed");
    }

    @Test
    void alteredStagedCopyIsReplacedFromTheSource() throws IOException {
        Path folder = stager().stage(model.toUri().toString()).folder();
        byte[] bytes = Files.readAllBytes(folder.resolve("encoder_model.onnx"));
        bytes[10] ^= 1;
        Files.write(folder.resolve("encoder_model.onnx"), bytes);
        ModelStager.forgetVerified(); // as a new executor JVM on the same host

        ModelStager.Staged again = stager().stage(model.toUri().toString());

        assertTrue(again.copied());
        ModelVerifier.verify(again.folder());
    }

    @Test
    void sourceThatDoesNotMatchItsManifestIsRefusedNamingTheFile() throws IOException {
        Files.writeString(model.resolve("config.json"), "{\"altered\": true}");

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> stager().stage(model.toUri().toString()));

        assertEquals("config.json", e.file());
        assertTrue(e.getMessage().contains("does not match its own manifest"), e.getMessage());
        try (Stream<Path> entries = Files.list(local)) {
            assertTrue(entries.allMatch(p -> p.getFileName().toString().equals(".locks")), "nothing staged");
        }
    }

    @Test
    void packedZipIsStagedUnpacked() throws IOException {
        Path zip = tmp.resolve("shared-fs/opus.zip");
        ArchivePacker.pack(model, zip);

        ModelStager.Staged s = stager().stage(zip.toUri().toString());

        assertTrue(s.copied());
        ModelVerifier.verify(s.folder());
        assertTrue(Files.isRegularFile(s.folder().resolve("tokenizer.json")));
        assertFalse(stager().stage(zip.toUri().toString()).copied());
    }

    @Test
    void folderWithoutManifestOrMissingModelIsRefusedClearly() throws IOException {
        Path bare = tmp.resolve("bare");
        Files.createDirectories(bare);
        Files.writeString(bare.resolve("config.json"), "{}");

        HubException noManifest = assertThrows(HubException.class, () -> stager().stage(bare.toUri().toString()));
        assertTrue(noManifest.getMessage().contains("has no manifest.json"), noManifest.getMessage());
        HubException missing = assertThrows(HubException.class,
                () -> stager().stage(tmp.resolve("nope").toUri().toString()));
        assertTrue(missing.getMessage().endsWith("does not exist"), missing.getMessage());
    }
}
