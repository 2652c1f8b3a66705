package dev.tarjama.models.integrity;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a model zip made by {@link ArchivePacker} (or by hand) without trusting its entry names:
 * an absolute path, a {@code ..} segment, a backslash, a drive letter or a duplicate name refuses
 * the whole archive before anything is written. Everything goes into a fresh folder this class
 * creates (so no link already on disk can redirect a write), each file is created new (never
 * through an existing file or link), and java.util.zip writes no symbolic links at all. The folder
 * is verified against its manifest and renamed into place last.
 */
public final class ArchiveExtractor {
    /** Refuse archives that would unpack to more than this (a zip bomb, or the wrong file). */
    public static final long DEFAULT_MAX_BYTES = 64L << 30;

    private ArchiveExtractor() {}

    public static Manifest extract(Path zip, Path target) throws IOException {
        return extract(zip, target, DEFAULT_MAX_BYTES);
    }

    /** Extracts into {@code target} (which must not exist) and verifies it; returns its manifest. */
    public static Manifest extract(Path zip, Path target, long maxBytes) throws IOException {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw ModelIntegrityException.ofFolder("cannot extract " + zip + ": " + target + " already exists");
        }
        try (ZipFile z = new ZipFile(zip.toFile())) {
            checkNames(zip, z);
            Path dest = target.toAbsolutePath().normalize();
            Files.createDirectories(dest.getParent());
            Path tmp = AtomicFiles.uniqueSibling(dest, ".incomplete");
            try {
                Files.createDirectory(tmp);
                long total = 0;
                byte[] buffer = new byte[1 << 16];
                for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
                    ZipEntry e = en.nextElement();
                    String name = stripDirSlash(e.getName());
                    Path out = RelativePaths.resolve(tmp, name);
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    try (InputStream in = z.getInputStream(e);
                            OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW,
                                    StandardOpenOption.WRITE)) {
                        for (int n; (n = in.read(buffer)) > 0; ) {
                            total += n;
                            if (total > maxBytes) {
                                throw ModelIntegrityException.ofFolder("refusing " + zip + ": it unpacks to more than " + maxBytes
                                        + " bytes");
                            }
                            os.write(buffer, 0, n);
                        }
                    }
                }
                Manifest manifest = ModelVerifier.verify(tmp);
                Files.move(tmp, dest, StandardCopyOption.ATOMIC_MOVE);
                return manifest;
            } finally {
                AtomicFiles.deleteTree(tmp);
            }
        }
    }

    private static void checkNames(Path zip, ZipFile z) throws ModelIntegrityException {
        Set<String> seen = new HashSet<>();
        for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements(); ) {
            String raw = en.nextElement().getName();
            String name = stripDirSlash(raw);
            if (!RelativePaths.isSafe(name)) {
                throw ModelIntegrityException.ofFolder("refusing " + zip + ": entry '" + raw + "' is absolute, climbs out with '..',"
                        + " or has a backslash, colon or control character");
            }
            if (!seen.add(name)) {
                throw ModelIntegrityException.ofFolder("refusing " + zip + ": entry '" + raw + "' appears twice");
            }
        }
    }

    private static String stripDirSlash(String name) {
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
