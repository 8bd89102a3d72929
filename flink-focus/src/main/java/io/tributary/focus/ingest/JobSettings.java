package io.tributary.focus.ingest;

import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * How an ingest job runs on Flink: parallelism, state backend ({@code hashmap} or {@code rocksdb}),
 * checkpoint interval and directory, restart attempts. Applied as Flink configuration, so the same
 * job runs on the embedded MiniCluster (default) or a cluster.
 *
 * @param checkpointDir checkpoint storage URI ({@code file:///...}, {@code hdfs://...}); null uses a
 *     fresh folder under the system temp directory (the JobManager's memory holds only small state)
 */
public record JobSettings(int parallelism, String stateBackend, Duration checkpointInterval, String checkpointDir,
    int restartAttempts) implements Serializable {
  public JobSettings {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1");
    }
    if (!stateBackend.equals("hashmap") && !stateBackend.equals("rocksdb") && !stateBackend.equals("forst")) {
      throw new IllegalArgumentException("state backend '" + stateBackend + "' is not one of hashmap, rocksdb, forst");
    }
  }

  /** Parallelism 1, heap state, a checkpoint every 2 s, 3 restart attempts. */
  public static JobSettings defaults() {
    return new JobSettings(1, "hashmap", Duration.ofSeconds(2), null, 3);
  }

  public JobSettings withParallelism(int p) {
    return new JobSettings(p, stateBackend, checkpointInterval, checkpointDir, restartAttempts);
  }

  public JobSettings withStateBackend(String b) {
    return new JobSettings(parallelism, b, checkpointInterval, checkpointDir, restartAttempts);
  }

  public JobSettings withCheckpointInterval(Duration d) {
    return new JobSettings(parallelism, stateBackend, d, checkpointDir, restartAttempts);
  }

  public JobSettings withCheckpointDir(String dir) {
    return new JobSettings(parallelism, stateBackend, checkpointInterval, dir, restartAttempts);
  }

  public JobSettings withRestartAttempts(int n) {
    return new JobSettings(parallelism, stateBackend, checkpointInterval, checkpointDir, n);
  }

  /** Flink configuration for these settings. */
  public Configuration toConfiguration() {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, stateBackend);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, checkpointInterval);
    String dir = checkpointDir;
    if (dir == null) {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "tributary-checkpoints",
          UUID.randomUUID().toString()).toUri().toString();
    }
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir);
    // A checkpoint that fails (e.g. storage hiccup) is retried at the next interval; exactly-once
    // does not depend on every checkpoint succeeding.
    conf.set(CheckpointingOptions.TOLERABLE_FAILURE_NUMBER, 3);
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, restartAttempts > 0 ? "fixed-delay" : "none");
    if (restartAttempts > 0) {
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, restartAttempts);
      conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
    }
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, parallelism);
    return conf;
  }

  /** A stream environment (local MiniCluster unless run inside a cluster client) with these settings. */
  public StreamExecutionEnvironment environment() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(toConfiguration());
    env.setParallelism(parallelism);
    return env;
  }

  public String describe() {
    return "parallelism=" + parallelism + " state_backend=" + stateBackend + " checkpoint_interval="
        + checkpointInterval.toMillis() + "ms restart_attempts=" + restartAttempts;
  }
}
