package dev.tarjama.jobs.models;

import dev.tarjama.jobs.exit.JobFailure;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.ModelVerifier;
import dev.tarjama.models.integrity.Verification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What a model path names, checked on the driver before any work: an archive to unpack, and how the folder is verified. */
public final class ModelPaths {
    private ModelPaths() {}

    /**
     * A model given as a local file: a zip from {@code models pack} becomes its {@code file:} URI,
     * which is staged (unpacked once per host, verified) where the model is opened; any other file
     * is refused here, before any work starts, saying what to do.
     */
    public static String localArchive(Path file) {
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            throw new JobFailure(notAZip(file.toString(), name));
        }
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            if (zip.getEntry(Manifest.FILE_NAME) == null) {
                throw new JobFailure("model " + file + " is a zip without Tarjama's " + Manifest.FILE_NAME
                        + " (not made by 'tarjama models pack'), so nothing can check what is in it: unzip it into a"
                        + " folder and give the folder (it loads unverified), or make the zip from a verified folder"
                        + " with 'tarjama models pack --dir DIR --out FILE.zip'");
            }
        } catch (IOException e) {
            throw new JobFailure("model " + file + " is not a readable zip: " + e.getMessage());
        }
        return file.toAbsolutePath().normalize().toUri().toString();
    }

    /**
     * How a run's model folder is checked before load, for the report: a URI is staged, and
     * staging refuses anything its manifest does not describe ({@code manifest}); a local folder is
     * checked as {@link ModelVerifier#kind} says; null when this JVM cannot see the folder.
     */
    public static String verification(String modelDir) {
        if (modelDir.contains("://")) {
            return Verification.MANIFEST.id();
        }
        Path local = Path.of(modelDir);
        try {
            return Files.isDirectory(local) ? ModelVerifier.kind(local).id() : null;
        } catch (IOException unreadable) {
            return null;
        }
    }

    /** What to do with an archive Tarjama does not unpack itself. */
    static String notAZip(String uri, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tar.gz") || n.endsWith(".tgz") || n.endsWith(".tar") || n.endsWith(".tar.zst")) {
            return "model " + uri + " is a tar archive, which Tarjama does not unpack: unpack it (mkdir DIR && tar -xf "
                    + name + " -C DIR) and give DIR, or give a zip made by 'tarjama models pack'";
        }
        return "model " + uri + " is a file, not a model folder or a zip made by 'tarjama models pack': give the"
                + " folder that holds config.json and the ONNX files";
    }

}
