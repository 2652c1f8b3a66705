package dev.tarjama.models.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.generate.Generation;
import dev.tarjama.models.generate.GenerationConfig;
import dev.tarjama.models.generate.SearchStrategy;
import dev.tarjama.models.integrity.ArchiveExtractor;
import dev.tarjama.models.integrity.ArchivePacker;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.onnx.ModelBundle;
import dev.tarjama.models.onnx.ModelOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareAndPackTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void spmOnlyFolderIsPreparedIntoALoadableVerifiedFolder(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("opus-spm");
        ModelPreparer.Result r = ModelPreparer.prepare(TinyModels.folder("marian-spm"), out, false);

        assertEquals(out, r.folder());
        assertTrue(r.actions().stream().anyMatch(a -> a.startsWith("wrote tokenizer.json from source.spm")), r.actions().toString());
        assertTrue(r.actions().stream().anyMatch(a -> a.contains("have no id in vocab.json")), "the known limit is reported");
        Manifest m = ModelVerifier.verify(out);
        assertTrue(m.entry("tokenizer.json").isPresent());
        assertTrue(m.source().startsWith("prepare:"));
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(out), siblings.toList(), "no temporary folder left beside the output");
        }
        JsonNode goldens = JSON.readTree(TinyModels.folder("goldens").resolve("marian-spm.json").toFile());
        JsonNode first = goldens.path("cases").get(0);
        try (HuggingFaceTokenizer tok = HuggingFaceTokenizer.newInstance(out.resolve("tokenizer.json"),
                Map.of("truncation", "false"))) {
            assertArrayEquals(JSON.convertValue(first.path("input_ids"), long[].class),
                    tok.encode(first.path("text").asText()).getIds());
        }
        try (ModelBundle bundle = ModelBundle.load(out, ModelOptions.builder().build())) {
            long[] input = bundle.tokenizer().encode(first.path("text").asText());
            GenerationConfig greedy = GenerationConfig.builder().setDecoderStartTokenId(bundle.config().padTokenId())
                    .setEosTokenId(0).optPadTokenId(bundle.config().padTokenId()).optMaxLength(8).build();
            Generation g = SearchStrategy.of(greedy).generate(bundle.model(), new long[][] {input}, greedy).get(0);
            assertTrue(g.ids().length > 0, "the prepared Optimum folder loads and translates");
        }
    }

    @Test
    void nullPrecompiledNormalizerIsRepairedInThePreparedCopy(@TempDir Path tmp) throws IOException {
        Path src = tmp.resolve("xenova");
        for (String f : List.of("config.json", "generation_config.json", "tokenizer_config.json")) {
            Files.createDirectories(src);
            Files.copy(TinyModels.folder("marian-xenova").resolve(f), src.resolve(f));
        }
        Files.copy(TinyModels.folder("goldens").resolve("tokenizer-precompiled-null.json"), src.resolve("tokenizer.json"));

        ModelPreparer.Result r = ModelPreparer.prepare(src, tmp.resolve("out"), false);

        assertTrue(r.actions().stream().anyMatch(a -> a.startsWith("repaired tokenizer.json")), r.actions().toString());
        JsonNode normalizer = JSON.readTree(tmp.resolve("out/tokenizer.json").toFile()).path("normalizer");
        assertNotEquals("Precompiled", normalizer.path("type").asText());
        assertFalse(normalizer.toString().contains("\"precompiled_charsmap\":null"));
        ModelVerifier.verify(tmp.resolve("out"));
        assertEquals(Files.readString(TinyModels.folder("goldens").resolve("tokenizer-precompiled-null.json")),
                Files.readString(src.resolve("tokenizer.json")), "the source is left as it was");
    }

    @Test
    void alteredSourceIsNotPrepared(@TempDir Path tmp) throws IOException {
        Path first = ModelPreparer.prepare(TinyModels.folder("marian-spm"), tmp.resolve("a"), false).folder();
        Files.writeString(first.resolve("vocab.json"), "{}");

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> ModelPreparer.prepare(first, tmp.resolve("b"), false));

        assertEquals("vocab.json", e.file());
        assertFalse(Files.exists(tmp.resolve("b")));
    }

    @Test
    void packedArchiveUnpacksToAVerifiedFolder(@TempDir Path tmp) throws IOException {
        Path model = ModelPreparer.prepare(TinyModels.folder("marian-spm"), tmp.resolve("model"), false).folder();
        Path zip = tmp.resolve("dist/opus.zip");

        ArchivePacker.pack(model, zip);
        byte[] once = Files.readAllBytes(zip);
        ArchivePacker.pack(model, zip);
        assertArrayEquals(once, Files.readAllBytes(zip), "same folder, same archive bytes");

        Manifest m = ArchiveExtractor.extract(zip, tmp.resolve("unpacked"));
        assertEquals(ModelVerifier.verify(model).files(), m.files());
        assertArrayEquals(Files.readAllBytes(model.resolve("encoder_model.onnx")),
                Files.readAllBytes(tmp.resolve("unpacked/encoder_model.onnx")));
    }

    @Test
    void alteredFolderIsNotPacked(@TempDir Path tmp) throws IOException {
        Path model = ModelPreparer.prepare(TinyModels.folder("marian-spm"), tmp.resolve("model"), false).folder();
        Files.write(model.resolve("encoder_model.onnx"), new byte[] {1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);

        ModelIntegrityException e = assertThrows(ModelIntegrityException.class,
                () -> ArchivePacker.pack(model, tmp.resolve("m.zip")));

        assertEquals("encoder_model.onnx", e.file());
        assertTrue(e.getMessage().contains("encoder_model.onnx: size"), e.getMessage());
        assertFalse(Files.exists(tmp.resolve("m.zip")));
    }

    @Test
    void archiveWithTraversalOrAbsoluteEntryIsRefusedBeforeWritingAnything(@TempDir Path tmp) throws IOException {
        for (String evil : List.of("../evil.txt", "onnx/../../evil.txt", "/tmp/evil.txt", "C:/evil.txt",
                "onnx\\..\\..\\evil.txt")) {
            Path zip = tmp.resolve("evil.zip");
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry("config.json"));
                z.write("{}".getBytes(StandardCharsets.UTF_8));
                z.putNextEntry(new ZipEntry(evil));
                z.write("pwned".getBytes(StandardCharsets.UTF_8));
            }
            Path target = tmp.resolve("work/model");

            ModelIntegrityException e = assertThrows(ModelIntegrityException.class, () -> ArchiveExtractor.extract(zip, target), evil);

            assertTrue(e.getMessage().contains("entry '" + evil + "'"), e.getMessage());
            assertFalse(Files.exists(tmp.resolve("evil.txt")) || Files.exists(tmp.resolve("work/evil.txt")));
            assertFalse(Files.exists(target));
            try (Stream<Path> left = Files.list(tmp)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().contains("incomplete")));
            }
        }
    }

    @Test
    void archiveWithoutManifestOrOntoAnExistingPathIsRefused(@TempDir Path tmp) throws IOException {
        Path zip = tmp.resolve("plain.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("config.json"));
            z.write("{}".getBytes(StandardCharsets.UTF_8));
        }
        ModelIntegrityException noManifest = assertThrows(ModelIntegrityException.class, () -> ArchiveExtractor.extract(zip, tmp.resolve("m")));
        assertTrue(noManifest.getMessage().contains("has no manifest.json"), noManifest.getMessage());
        assertFalse(Files.exists(tmp.resolve("m")));

        Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("elsewhere"));
        ModelIntegrityException exists = assertThrows(ModelIntegrityException.class, () -> ArchiveExtractor.extract(zip, tmp.resolve("link")));
        assertTrue(exists.getMessage().contains("already exists"), exists.getMessage());
    }
}
