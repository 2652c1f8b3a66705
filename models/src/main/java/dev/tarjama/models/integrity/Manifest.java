package dev.tarjama.models.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest.json} beside a model's files: where they came from and the size and sha256 of
 * each. Written last, atomically, so a folder with a manifest is a folder that was completed.
 *
 * @param repo hub repository, or a description of a local source
 * @param revision the revision that was asked for
 * @param commit the commit the hub resolved it to ({@code X-Repo-Commit}); may equal revision
 * @param fetchedAt ISO-8601 instant of the fetch (or of {@code prepare})
 * @param source the endpoint, or {@code prepare:<folder>} for a prepared folder
 * @param files one entry per file, sorted by path
 */
public record Manifest(String repo, String revision, String commit, String fetchedAt, String source, List<Entry> files) {
    public static final String FILE_NAME = "manifest.json";
    public static final String FORMAT = "tarjama-model-manifest/1";

    /**
     * One file.
     *
     * @param file path relative to the model folder, '/'-separated
     * @param size bytes
     * @param sha256 hex sha256 of the content
     * @param etag what the hub announced (sha256 for LFS files, git blob sha1 otherwise), or null
     */
    public record Entry(String file, long size, String sha256, String etag) {}

    public Manifest {
        List<Entry> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparing(Entry::file));
        files = List.copyOf(sorted);
    }

    public Optional<Entry> entry(String file) {
        return files.stream().filter(e -> e.file().equals(file)).findFirst();
    }

    /** This manifest with the given entries added or replaced. */
    public Manifest withFiles(List<Entry> more, String fetchedAt) {
        Map<String, Entry> byName = new LinkedHashMap<>();
        files.forEach(e -> byName.put(e.file(), e));
        more.forEach(e -> byName.put(e.file(), e));
        return new Manifest(repo, revision, commit, fetchedAt, source, new ArrayList<>(byName.values()));
    }

    /** True when {@code file} is a plain file holding a manifest of Tarjama's format (not a repository's own file). */
    public static boolean isTarjamas(Path file) {
        if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return FORMAT.equals(new ObjectMapper().readTree(file.toFile()).path("format").asText());
        } catch (IOException | RuntimeException notJson) {
            return false;
        }
    }

    public static boolean exists(Path folder) {
        return Files.isRegularFile(folder.resolve(FILE_NAME));
    }

    public static Manifest read(Path folder) throws IOException {
        Path file = folder.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new ModelIntegrityException(FILE_NAME, folder + " has no " + FILE_NAME
                    + ": it was not completed by 'tarjama models fetch' or 'prepare' (or the fetch was interrupted)");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new ModelIntegrityException(FILE_NAME, file + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw new ModelIntegrityException(FILE_NAME, file + ": unknown format '" + root.path("format").asText() + "', expected " + FORMAT);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode f : root.path("files")) {
            String name = f.path("file").asText();
            String sha = f.path("sha256").asText();
            if (!RelativePaths.isSafe(name) || !Hashing.isSha256(sha) || !f.path("size").canConvertToLong()) {
                throw new ModelIntegrityException(FILE_NAME, file + ": bad entry " + f);
            }
            entries.add(new Entry(name, f.path("size").asLong(), sha,
                    f.hasNonNull("etag") ? f.get("etag").asText() : null));
        }
        return new Manifest(root.path("repo").asText(), root.path("revision").asText(), root.path("commit").asText(),
                root.path("fetched_at").asText(), root.path("source").asText(), entries);
    }

    /** Writes {@code manifest.json} through a temporary file and an atomic rename. */
    public void write(Path folder) throws IOException {
        AtomicFiles.write(folder.resolve(FILE_NAME), toJson());
    }

    /** The bytes of {@code manifest.json}. */
    public byte[] toJson() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("format", FORMAT);
        root.put("repo", repo);
        root.put("revision", revision);
        root.put("commit", commit);
        root.put("fetched_at", fetchedAt);
        root.put("source", source);
        ArrayNode array = root.putArray("files");
        for (Entry e : files) {
            ObjectNode f = array.addObject();
            f.put("file", e.file());
            f.put("size", e.size());
            f.put("sha256", e.sha256());
            if (e.etag() != null) {
                f.put("etag", e.etag());
            }
        }
        return mapper.writeValueAsBytes(root);
    }
}
