package dev.tarjama.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tarjama.jobs.exit.ExitCode;
import dev.tarjama.jobs.support.TestPaths;
import dev.tarjama.models.integrity.ArchivePacker;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model} given a file: a 'models pack' zip translates; another archive is refused saying what to do. */
class ModelArchiveOptionTest {

    @Test
    void translateTakesAPackedZipAndRefusesATarball(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("opus.zip");
        ArchivePacker.pack(TestPaths.tinyModel("marian-xenova"), zip);
        Path input = Files.writeString(tmp.resolve("in.txt"), "قال الوزير\n");

        CommandRun ok = CommandRun.of("translate", "--model", zip.toString(), "--beams", "1", "--max-new-tokens", "8",
                input.toString());
        CommandRun tar = CommandRun.of("translate", "--model", Files.write(tmp.resolve("opus.tgz"), new byte[] {1})
                .toString(), input.toString());

        assertEquals(ExitCode.OK, ok.code(), ok.stderr());
        assertEquals(1, ok.stdout().size(), ok.stdout().toString());
        assertEquals(ExitCode.FAILURE, tar.code());
        assertTrue(tar.stderr().contains("is a tar archive, which Tarjama does not unpack: unpack it"), tar.stderr());
    }
}
