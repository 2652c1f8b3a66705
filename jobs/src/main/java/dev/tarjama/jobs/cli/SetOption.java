package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.UsageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --set KEY=VALUE}, repeatable, as a mixin: a command adds {@code @Mixin SetOption set;}
 * and reads {@link #assignments()} (in command-line order) or {@link #map()} (last value wins).
 */
public final class SetOption {

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set a configuration key; repeatable, a later value of the same key wins.")
    private List<String> assignments = new ArrayList<>();

    /** Every {@code --set} value as given, in order. */
    public List<String> assignments() {
        return List.copyOf(assignments);
    }

    /** The assignments as a map in first-seen key order; a value without {@code =} is a usage error. */
    public Map<String, String> map() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String assignment : assignments) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set expects key=value, got '" + assignment + "'");
            }
            out.put(assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
        }
        return out;
    }
}
