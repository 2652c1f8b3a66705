package dev.tarjama.jobs.cli;

import dev.tarjama.jobs.exit.UsageException;
import dev.tarjama.models.onnx.Precision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of one subcommand: {@code --name value}, repeatable options, flags and
 * positional arguments. Unknown options are usage errors that name the option.
 */
public final class Args {

    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    /**
     * Parses {@code args}; {@code options} take a value, {@code flags} do not. A lone {@code -} is
     * positional (standard input).
     */
    public static Args parse(String[] args, Set<String> options, Set<String> flags) {
        Args parsed = new Args();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String inline = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    inline = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (flags.contains(name) && inline == null) {
                    parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
                } else if (options.contains(name)) {
                    String value = inline;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException("--" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    parsed.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else {
                    throw new UsageException("unknown option --" + name);
                }
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    public boolean flag(String name) {
        return values.containsKey(name);
    }

    /** The last value given for {@code name}, or {@code fallback}. */
    public String get(String name, String fallback) {
        List<String> list = values.get(name);
        return list == null ? fallback : list.get(list.size() - 1);
    }

    /** The value of a required option. */
    public String require(String name) {
        String value = get(name, null);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    /** Every value given for a repeatable option, in order. */
    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public int intValue(String name, int fallback) {
        String value = get(name, null);
        return value == null ? fallback : parseInt(name, value);
    }

    /** Every value of a repeatable integer option, or {@code fallback} when none was given. */
    public List<Integer> ints(String name, List<Integer> fallback) {
        List<String> list = all(name);
        if (list.isEmpty()) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String v : list) {
            for (String part : v.split(",")) {
                out.add(parseInt(name, part.trim()));
            }
        }
        return out;
    }

    /** Parses a {@code --precision} value; a bad one is a usage error. */
    public static Precision precision(String value) {
        try {
            return Precision.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--precision: " + e.getMessage());
        }
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }

    private static int parseInt(String name, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " takes an integer, got '" + value + "'");
        }
    }
}
