package dev.tarjama.models.integrity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a Hugging Face cache snapshot the way its layout allows: each file is a link to
 * {@code blobs/<name>}, and the name is the content's sha256 (64 hex, LFS files) or git blob sha1
 * (40 hex, regular files), so every byte can be checked with no file of Tarjama's. A file that is
 * a copy (huggingface_hub copies where links are impossible) is checked against Tarjama's manifest
 * of the snapshot when it records the file, else it cannot be checked.
 */
final class SnapshotCheck {
    /** {@code source} of the description of a snapshot that Tarjama did not fetch. */
    static final String SOURCE = "huggingface cache";

    private SnapshotCheck() {}

    static ModelVerifier.Result examine(HubSnapshot s, Collection<String> required) throws IOException {
        if (!Files.isDirectory(s.folder())) {
            throw ModelIntegrityException.ofFolder("model folder " + s.folder() + " does not exist");
        }
        Manifest recorded = Manifest.exists(s.manifestFolder()) ? Manifest.read(s.manifestFolder()) : null;
        List<ModelVerifier.Problem> problems = new ArrayList<>();
        List<String> unverifiable = new ArrayList<>();
        List<Manifest.Entry> entries = new ArrayList<>();
        for (String r : required) {
            if (!Files.exists(RelativePaths.resolve(s.folder(), r), LinkOption.NOFOLLOW_LINKS)) {
                problems.add(new ModelVerifier.Problem(r, "missing from the snapshot (never fetched into it)"));
            }
        }
        for (Path p : files(s)) {
            String rel = s.folder().relativize(p).toString().replace('\\', '/');
            if (Files.isSymbolicLink(p)) {
                checkLink(s, p, rel, problems, entries);
                continue;
            }
            var entry = recorded == null ? java.util.Optional.<Manifest.Entry>empty() : recorded.entry(rel);
            if (entry.isEmpty()) {
                unverifiable.add(rel);
                continue;
            }
            ModelVerifier.Problem problem = ModelVerifier.checkFile(s.folder(), entry.get());
            if (problem != null) {
                problems.add(problem);
            } else {
                entries.add(entry.get());
            }
        }
        Manifest description = new Manifest(s.repo(), recorded == null ? s.commit() : recorded.revision(), s.commit(),
                recorded == null ? "" : recorded.fetchedAt(), recorded == null ? SOURCE : recorded.source(), entries);
        Verification kind = unverifiable.isEmpty() ? Verification.HUB_CACHE : Verification.UNVERIFIED;
        return new ModelVerifier.Result(kind, problems, unverifiable, description);
    }

    /** True when some file of the snapshot is a plain file rather than a link into blobs/. */
    static boolean hasCopies(HubSnapshot s) throws IOException {
        for (Path p : files(s)) {
            if (!Files.isSymbolicLink(p)) {
                return true;
            }
        }
        return false;
    }

    private static void checkLink(HubSnapshot s, Path link, String rel, List<ModelVerifier.Problem> problems,
            List<Manifest.Entry> entries) throws IOException {
        Path blob = link.getParent().resolve(Files.readSymbolicLink(link)).normalize();
        if (!blob.startsWith(s.blobs().normalize()) || blob.getNameCount() != s.blobs().normalize().getNameCount() + 1) {
            problems.add(new ModelVerifier.Problem(rel, "links to " + blob + ", outside the repository's blobs/"));
            return;
        }
        String name = blob.getFileName().toString();
        if (!Files.isRegularFile(blob, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(new ModelVerifier.Problem(rel, "its blob " + name + " is missing (dangling link)"));
            return;
        }
        long size = Files.size(blob);
        if (Hashing.isSha256(name)) {
            String sha = Hashing.sha256(blob);
            if (!sha.equals(name)) {
                problems.add(new ModelVerifier.Problem(rel, "blob " + name + " holds content with sha256 " + sha
                        + " (corrupted or altered in the cache)"));
                return;
            }
            entries.add(new Manifest.Entry(rel, size, sha, name));
        } else if (Hashing.isSha1(name)) {
            Hashing.Both both = Hashing.sha256AndGitSha1(blob);
            if (!both.gitSha1().equals(name)) {
                problems.add(new ModelVerifier.Problem(rel, "blob " + name + " holds content with git blob sha1 "
                        + both.gitSha1() + " (corrupted or altered in the cache)"));
                return;
            }
            entries.add(new Manifest.Entry(rel, size, both.sha256(), name));
        } else {
            problems.add(new ModelVerifier.Problem(rel, "blob name " + name + " is neither a sha256 nor a git sha1"));
        }
    }

    /** The snapshot's files (links and plain files), sorted; a stale Tarjama manifest inside is skipped. */
    private static List<Path> files(HubSnapshot s) throws IOException {
        try (Stream<Path> walk = Files.walk(s.folder())) {
            List<Path> out = new ArrayList<>();
            for (Path p : walk.sorted().toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) || isLegacyManifest(s, p)) {
                    continue;
                }
                out.add(p);
            }
            return out;
        }
    }

    /** Tarjama once wrote its manifest inside the snapshot; that file is Tarjama's, not the repository's. */
    static boolean isLegacyManifest(HubSnapshot s, Path p) {
        return p.equals(s.folder().resolve(Manifest.FILE_NAME)) && Manifest.isTarjamas(p);
    }
}
