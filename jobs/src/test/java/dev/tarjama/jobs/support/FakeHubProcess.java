package dev.tarjama.jobs.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The models module's loopback hub ({@code dev.tarjama.models.hub.FakeHub}: resolve-cache
 * redirects, a CDN on another host name with signed URLs, the real error codes) run as its own
 * JVM, from {@code models/target/test-classes}: it needs only the JDK, and jobs tests see it as a
 * user's process sees the hub, through {@code HF_ENDPOINT}.
 */
public final class FakeHubProcess implements AutoCloseable {
    private final Process process;
    private final String endpoint;
    private final Path log;

    private FakeHubProcess(Process process, String endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /** Serves each {@code repo=folder}; requests are logged to {@code log}. */
    public static FakeHubProcess serve(Path log, String... repos) throws Exception {
        Path classes = TestPaths.repoRoot().resolve("models/target/test-classes");
        if (!Files.isRegularFile(classes.resolve("dev/tarjama/models/hub/FakeHub.class"))) {
            throw new IllegalStateException(classes + " has no FakeHub: build through the reactor"
                    + " (mvn -pl jobs -am test ...), which compiles the models module's tests first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classes.toString(), "dev.tarjama.models.hub.FakeHub"));
        command.addAll(List.of(repos));
        Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String endpoint = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                return null;
            }
        }).get(30, TimeUnit.SECONDS);
        if (endpoint == null || !endpoint.startsWith("http://127.0.0.1:")) {
            p.destroyForcibly();
            throw new IllegalStateException("FakeHub did not start: " + Files.readString(log));
        }
        return new FakeHubProcess(p, endpoint, log);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The requests served so far, as {@code "hub HEAD /path"} lines. */
    public List<String> requests() throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("request ")).map(l -> l.substring(8)).toList();
    }

    /** The commit FakeHub gave {@code repo} (it prints it when it starts). */
    public String commit(String repo) throws IOException {
        String prefix = repo + " at commit ";
        return Files.readAllLines(log).stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElseThrow();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
