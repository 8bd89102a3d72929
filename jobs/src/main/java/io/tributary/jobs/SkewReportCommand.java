package io.tributary.jobs;

import io.tributary.skew.study.SkewStudyRunner;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary skew report}: rebuilds the study's tables, plots and summary from its Parquet output. */
@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Rebuild the non-IID study's report (tables, plots, summary.json) from its runs.parquet.")
public final class SkewReportCommand implements Callable<Integer> {
  @Option(names = "--runs", description = "The study's runs.parquet (default: results/skew-study/runs.parquet).")
  Path runs;

  @Option(names = "--out", description = "Where to write the report (default: the directory holding --runs).")
  Path out;

  @Override
  public Integer call() throws Exception {
    Path in = runs != null ? runs : SkewCommand.resultsDir("skew-study").resolve("runs.parquet");
    Path dir = out != null ? out : in.toAbsolutePath().getParent();
    return SkewStudyRunner.report(in, dir, System.out);
  }
}
