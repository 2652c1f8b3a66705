package dev.tarjama.models.integrity;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code tarjama models pack}: one zip of a verified model folder for {@code spark-submit
 * --archives model.zip#NAME} (YARN and Spark unpack zip, tar.gz and jar archives; zip needs
 * nothing beyond the JDK to write and read). Files sit at the archive root with
 * {@code manifest.json}, so the unpacked folder verifies as it is. Only the files the manifest
 * lists go in; entries are sorted and time-stamped with a fixed time so that the same folder
 * gives the same bytes.
 */
public final class ArchivePacker {
    private static final FileTime FIXED_TIME = FileTime.fromMillis(315_532_800_000L); // 1980-01-01, zip's epoch

    private ArchivePacker() {}

    /** Verifies {@code folder}, then writes {@code zip} through a temporary file and a rename. */
    public static Manifest pack(Path folder, Path zip) throws IOException {
        Manifest manifest = ModelVerifier.verify(folder);
        List<String> names = new ArrayList<>();
        manifest.files().forEach(e -> names.add(e.file()));
        names.add(Manifest.FILE_NAME);
        names.sort(null);
        // The manifest goes in as verified (a cache snapshot keeps Tarjama's outside the folder).
        byte[] manifestJson = manifest.toJson();
        Path target = zip.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path tmp = AtomicFiles.uniqueSibling(target, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream z = new ZipOutputStream(out)) {
                for (String name : names) {
                    ZipEntry entry = new ZipEntry(name);
                    entry.setLastModifiedTime(FIXED_TIME);
                    z.putNextEntry(entry);
                    if (name.equals(Manifest.FILE_NAME)) {
                        z.write(manifestJson);
                    } else {
                        Files.copy(RelativePaths.resolve(folder, name), z);
                    }
                    z.closeEntry();
                }
            }
            AtomicFiles.move(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return manifest;
    }
}
