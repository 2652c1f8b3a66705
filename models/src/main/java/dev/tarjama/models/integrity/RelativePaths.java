package dev.tarjama.models.integrity;

import java.nio.file.Path;

/** The one rule for paths that come from outside (catalog, manifest, archive entries, URLs). */
public final class RelativePaths {
    private RelativePaths() {}

    /** Relative, '/'-separated, no empty, '.' or '..' segment, no backslash, colon or control character. */
    public static boolean isSafe(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') {
                return false;
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** {@code root.resolve(path)}, after checking the path is safe and stays under root. */
    public static Path resolve(Path root, String path) {
        if (!isSafe(path)) {
            throw new IllegalArgumentException("unsafe relative path '" + path + "'");
        }
        Path resolved = root.resolve(path).normalize();
        if (!resolved.startsWith(root.normalize())) {
            throw new IllegalArgumentException("path '" + path + "' leaves " + root);
        }
        return resolved;
    }
}
