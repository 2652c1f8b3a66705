package dev.tarjama.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * The console log's verbosity: {@code conf/log4j2.properties} keeps the default quiet (Tarjama at
 * INFO, third-party routine warnings off); {@code --verbose} turns everything to INFO.
 */
final class ConsoleLog {
    private ConsoleLog() {}

    static void configure(boolean verbose) {
        if (verbose) {
            Configurator.setAllLevels(org.apache.logging.log4j.LogManager.ROOT_LOGGER_NAME, Level.INFO);
        }
    }
}
