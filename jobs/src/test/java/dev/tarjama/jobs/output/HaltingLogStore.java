package dev.tarjama.jobs.output;

import io.delta.storage.HDFSLogStore;
import java.io.IOException;
import java.util.Iterator;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Delta's own LogStore for local files, halting the JVM just before or just after it writes a
 * commit file ({@code _delta_log/NNN.json}): the two instants inside Delta's MERGE that matter,
 * data files written but not committed, and committed. Steered by {@link CommitChild#HALT_AT}.
 */
public final class HaltingLogStore extends HDFSLogStore {
    private static final Pattern COMMIT_FILE = Pattern.compile("\\d{20}\\.json");

    public HaltingLogStore(Configuration conf) {
        super(conf);
    }

    @Override
    public void write(Path path, Iterator<String> actions, Boolean overwrite, Configuration conf) throws IOException {
        boolean commit = COMMIT_FILE.matcher(path.getName()).matches();
        String step = System.getProperty(CommitChild.HALT_AT, "");
        if (commit && step.equals(CommitStep.DELTA_FILES_WRITTEN.id())) {
            Runtime.getRuntime().halt(CommitChild.HALTED);
        }
        super.write(path, actions, overwrite, conf);
        if (commit && step.equals(CommitStep.DELTA_LOG_WRITTEN.id())) {
            Runtime.getRuntime().halt(CommitChild.HALTED);
        }
    }
}
