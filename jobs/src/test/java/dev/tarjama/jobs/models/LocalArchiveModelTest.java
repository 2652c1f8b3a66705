package dev.tarjama.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.jobs.support.TestPaths;
import dev.tarjama.models.integrity.ArchivePacker;
import dev.tarjama.models.integrity.ModelIntegrityException;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.integrity.Verification;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model given as a path to an archive: a 'models pack' zip is unpacked safely, anything else refused saying what to do. */
class LocalArchiveModelTest {
    @TempDir Path tmp;

    ModelStager stager() {
        return new ModelStager(tmp.resolve("stage"), new org.apache.hadoop.conf.Configuration());
    }

    @Test
    void aPackedZipIsUnpackedOnceAndVerified() throws IOException {
        Path zip = tmp.resolve("opus.zip");
        ArchivePacker.pack(TestPaths.tinyModel("marian-xenova"), zip);

        String uri = ModelPaths.localArchive(zip);
        ModelStager.Staged first = stager().stage(uri);
        ModelStager.Staged again = stager().stage(uri);

        assertTrue(uri.startsWith("file:/") && uri.endsWith("opus.zip"), uri);
        assertTrue(first.copied());
        assertEquals(first.folder(), again.folder());
        assertEquals(Verification.MANIFEST, ModelVerifier.verifyForLoad(first.folder()));
    }

    @Test
    void aZipWithoutTheManifestIsRefusedSayingWhatToDo() throws IOException {
        Path zip = tmp.resolve("hand.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("config.json"));
            z.write("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        JobFailure early = assertThrows(JobFailure.class, () -> ModelPaths.localArchive(zip));
        ModelIntegrityException staged = assertThrows(ModelIntegrityException.class,
                () -> stager().stage(zip.toUri().toString()));

        for (String m : new String[] {early.getMessage(), staged.getMessage()}) {
            assertTrue(m.contains("is a zip without Tarjama's manifest.json") && m.contains("unzip it into a folder")
                    && m.contains("tarjama models pack"), m);
        }
    }

    @Test
    void aTarArchiveIsRefusedWithTheCommandThatUnpacksIt() throws IOException {
        Path tgz = Files.write(tmp.resolve("opus.tar.gz"), new byte[] {0x1f, (byte) 0x8b});

        JobFailure e = assertThrows(JobFailure.class, () -> ModelPaths.localArchive(tgz));

        assertTrue(e.getMessage().contains("is a tar archive") && e.getMessage().contains("tar -xf opus.tar.gz -C DIR"),
                e.getMessage());
    }
}
