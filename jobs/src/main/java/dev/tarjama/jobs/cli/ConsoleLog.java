package dev.tarjama.jobs.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.filter.AbstractFilterable;

/**
 * The console log's verbosity. The default, {@code conf/log4j2.properties}, is quiet: Tarjama at
 * INFO, other libraries at WARN without their routine warnings (filters on the appender).
 * {@code --verbose} turns every logger to INFO and removes the appenders' filters. Only when
 * Log4j 2 is the logging backend (it is Spark's); under another backend nothing changes.
 */
final class ConsoleLog {
    private ConsoleLog() {}

    static void configure(boolean verbose) {
        if (!verbose) {
            return;
        }
        try {
            if (!(LogManager.getContext(false) instanceof LoggerContext context)) {
                return;
            }
            Configuration config = context.getConfiguration();
            for (Appender appender : config.getAppenders().values()) {
                if (appender instanceof AbstractFilterable filterable && filterable.getFilter() != null) {
                    filterable.removeFilter(filterable.getFilter());
                }
            }
            for (LoggerConfig logger : config.getLoggers().values()) {
                if (logger.getLevel() == null || logger.getLevel().isMoreSpecificThan(Level.INFO)) {
                    logger.setLevel(Level.INFO);
                }
            }
            Configurator.setRootLevel(Level.INFO);
            context.updateLoggers();
        } catch (LinkageError e) {
            // no Log4j 2 core on the class path: leave the backend as it is
        }
    }
}
