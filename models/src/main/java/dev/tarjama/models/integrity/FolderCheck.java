package dev.tarjama.models.integrity;

import java.nio.file.Path;

/**
 * What is known about a model folder's files: how they were (or can be) checked, and a manifest
 * describing them (the recorded one, or one computed from the files).
 *
 * @param folder the model folder
 * @param verification how its files are checked
 * @param manifest its files with size and sha256; repo and commit when known
 */
public record FolderCheck(Path folder, Verification verification, Manifest manifest) {}
