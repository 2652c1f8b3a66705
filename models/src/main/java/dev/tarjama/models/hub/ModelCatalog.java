package dev.tarjama.models.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tarjama.models.integrity.Manifest;
import dev.tarjama.models.integrity.RelativePaths;
import dev.tarjama.models.onnx.Precision;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The committed list of models Tarjama knows how to fetch ({@code models/catalog.json}); also on
 * the classpath so the launcher works from any directory.
 */
public final class ModelCatalog {
    /** Classpath copy of {@code models/catalog.json}. */
    public static final String RESOURCE = "/dev/tarjama/models/hub/catalog.json";

    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final List<CatalogEntry> entries;

    private ModelCatalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalog shipped with Tarjama. */
    public static ModelCatalog builtIn() throws IOException {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new HubException("the built-in catalog " + RESOURCE + " is missing from the classpath");
            }
            return parse(new ObjectMapper().readTree(in), RESOURCE);
        }
    }

    public static ModelCatalog load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new HubException("catalog " + file + " does not exist");
        }
        try {
            return parse(new ObjectMapper().readTree(file.toFile()), file.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new HubException("catalog " + file + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    public List<CatalogEntry> entries() {
        return entries;
    }

    public Optional<CatalogEntry> find(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** The entry, or an exception listing the known names. */
    public CatalogEntry get(String name) throws HubException {
        return find(name).orElseThrow(() -> new HubException("no model named '" + name + "' in the catalog; known: "
                + entries.stream().map(CatalogEntry::name).toList()));
    }

    /** The default model of a task. */
    public Optional<CatalogEntry> defaultFor(CatalogEntry.Task task) {
        return entries.stream().filter(e -> e.task() == task && e.isDefault()).findFirst();
    }

    static ModelCatalog parse(JsonNode root, String source) throws HubException {
        JsonNode models = root.path("models");
        if (!models.isArray()) {
            throw new HubException("catalog " + source + ": expected a \"models\" array");
        }
        List<CatalogEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<CatalogEntry.Task> defaults = new HashSet<>();
        for (JsonNode m : models) {
            String name = text(m, "name", source, "?");
            String where = "catalog " + source + ", model '" + name + "': ";
            if (!NAME.matcher(name).matches()) {
                throw new HubException(where + "name must be lower-case letters, digits, '.', '_' or '-'");
            }
            if (!names.add(name)) {
                throw new HubException(where + "name appears twice");
            }
            CatalogEntry.Task task;
            try {
                task = CatalogEntry.Task.valueOf(text(m, "task", source, name).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new HubException(where + "task must be translation or summarization");
            }
            String repo = text(m, "repo", source, name);
            if (!REPO.matcher(repo).matches() || repo.contains("--") || repo.contains("..")) {
                throw new HubException(where + "repo must look like org/name, got '" + repo + "'");
            }
            String revision = text(m, "revision", source, name);
            if (revision.isBlank() || revision.contains("..")) {
                throw new HubException(where + "revision is empty or unsafe");
            }
            JsonNode files = m.path("files");
            List<String> common = paths(files.path("common"), where);
            Map<Precision, List<String>> precise = new EnumMap<>(Precision.class);
            for (Precision p : Precision.values()) {
                if (files.has(p.id())) {
                    precise.put(p, paths(files.path(p.id()), where));
                }
            }
            if (precise.isEmpty()) {
                throw new HubException(where + "files must list at least one of fp32, int8");
            }
            boolean isDefault = m.path("default").asBoolean(false);
            if (isDefault && !defaults.add(task)) {
                throw new HubException(where + "a second default for " + task.name().toLowerCase(Locale.ROOT));
            }
            entries.add(new CatalogEntry(name, task, repo, revision, m.path("revision_verified").asBoolean(false),
                    m.path("layout").asText("transformers.js"), common, precise, isDefault, m.path("note").asText("")));
        }
        return new ModelCatalog(entries);
    }

    private static String text(JsonNode m, String field, String source, String name) throws HubException {
        JsonNode v = m.get(field);
        if (v == null || !v.isTextual()) {
            throw new HubException("catalog " + source + ", model '" + name + "': missing text field \"" + field + "\"");
        }
        return v.asText();
    }

    private static List<String> paths(JsonNode array, String where) throws HubException {
        List<String> out = new ArrayList<>();
        for (JsonNode f : array) {
            String path = f.asText();
            if (!RelativePaths.isSafe(path)) {
                throw new HubException(where + "file path '" + path + "' must be relative, '/'-separated, without '..'");
            }
            if (path.equals(Manifest.FILE_NAME)) {
                throw new HubException(where + "a repository file named " + Manifest.FILE_NAME
                        + " would collide with Tarjama's manifest");
            }
            out.add(path);
        }
        return out;
    }
}
