package dev.tarjama.jobs.exec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.SparkEnv;

/** Names the running executor JVM: Spark executor id, process id and host. */
public final class JvmId {
    private static final String PROCESS = ProcessHandle.current().pid() + "@" + host();

    private JvmId() {}

    /** {@code executor-id/pid@host}; the executor id is {@code driver} in local mode. */
    public static String current() {
        SparkEnv env = SparkEnv.get();
        String executor = env == null ? "no-spark" : env.executorId();
        return executor + "/" + PROCESS;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
