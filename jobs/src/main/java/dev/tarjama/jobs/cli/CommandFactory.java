package dev.tarjama.jobs.cli;

import java.util.Map;
import picocli.CommandLine.IFactory;
import picocli.CommandLine;

/** Creates the command objects; hands the process environment to the commands that read it. */
final class CommandFactory implements IFactory {
    private final Map<String, String> env;

    CommandFactory(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        if (type == ModelsCommand.class) {
            return type.cast(new ModelsCommand(env));
        }
        if (type == FetchOptions.class) {
            return type.cast(new FetchOptions(env));
        }
        return CommandLine.defaultFactory().create(type);
    }
}
