package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.skew.options.ProfileOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.profile.SkewProfiler;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary skew profile}: how skewed are the user's partitions. Its flags are the
 * {@link ProfileOptions} the profiler reads.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
    description = {"Profile the skew of your partitions before training on them: per-partition label histograms, "
        + "pairwise Jensen-Shannon divergence and earth mover's distance of the labels, quantity skew, and with "
        + "--model or --architecture the accuracy-loss matrix by model traveling (each partition trains its own "
        + "copy, every copy is evaluated on every partition).",
        "Partitions are Parquet files/directories (a label column, and a features column of numbers or a Spark ML "
            + "vector for the accuracy-loss matrix) or image folders (<dir>/<class>/*.png|jpg).",
        "Writes histograms.csv, divergence.csv, accuracy_loss.csv, heat maps (PNG), summary.json and report.txt."},
    footer = {"", "Local training's minibatch (--batch-size) defaults to " + ProfileOptions.DEFAULT_BATCH + "."})
public final class SkewProfileCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  // Space-separated paths (--partitions a b c), which a declared setting's one-value flag cannot take.
  @Option(names = "--partitions", required = true, arity = "2..*", description = "One path per partition.")
  List<Path> partitions;

  @Option(names = "--out", description = "Output directory (default: results/skew-profile).")
  Path out;

  @Override
  public List<Setting<?>> settings() {
    return SkewCommand.declared(ProfileOptions.ALL, ProfileOptions.PARTITIONS, SkewTrainingOptions.OUT);
  }

  @Override
  public Integer call() throws Exception {
    Settings o = CliSettings.read(spec, settings());
    o = o.with(ProfileOptions.PARTITIONS, List.copyOf(partitions))
        .with(SkewTrainingOptions.OUT, out != null ? out : SkewCommand.resultsDir("skew-profile"));
    SkewProfiler.profile(o, System.out);
    return 0;
  }
}
