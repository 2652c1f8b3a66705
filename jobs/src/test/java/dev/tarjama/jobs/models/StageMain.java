package dev.tarjama.jobs.models;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** A separate JVM that stages one model and prints {@code copied=<bool> <folder>} (for the multi-process test). */
public final class StageMain {
    private StageMain() {}

    public static void main(String[] args) throws Exception {
        ModelStager.Staged s = new ModelStager(Path.of(args[0]), new Configuration()).stage(args[1]);
        System.out.println("copied=" + s.copied() + " " + s.folder());
    }
}
