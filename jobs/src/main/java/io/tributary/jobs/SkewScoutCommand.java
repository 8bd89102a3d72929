package io.tributary.jobs;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.skew.options.ScoutOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import io.tributary.skew.scout.SkewScoutRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code tributary skew scout}: SkewScout (thesis §6.6) on Spark, and its benchmark against BSP and
 * ORACLE. Its flags are the {@link ScoutOptions} (and the shared {@link SkewTrainingOptions}) the
 * runner reads.
 */
@Command(name = "scout", mixinStandardHelpOptions = true,
    description = {"SkewScout on Spark: trains with model traveling between partitions and tunes the algorithm's "
        + "communication knob (Gaia T0, FedAvg Iter_Local, DGC E_warm) by hill climbing on eq. 6.2, keeping the "
        + "accuracy loss under sigma_AL with as little communication as possible.",
        "Without --bench: one SkewScout run per --partitions entry (default label-skew), with BSP beside it; writes "
            + "to results/skew-scout-runs.",
        "With --bench: for IID, 20%%, 60%% and 100%% non-IID, BSP, every fixed knob value of the grid (ORACLE = the "
            + "cheapest that reaches BSP's accuracy) and SkewScout; writes results/skew-scout/summary.json "
            + "(savings_vs_bsp_<s>, oracle_savings_vs_bsp_<s>, accuracy_gap_vs_bsp_<s>), CSV and fig6_12.png."},
    footer = {"", "Defaults: Fashion-MNIST (60 train / 100 test images per class), GN-LeNet, K=5, batch 10, 3 "
        + "epochs, Gaia with T0 in {0,1,2,5,10,20,30,50}%% (the bench: 0,2%%,10%%,30%%), MTP=4 iterations, "
        + "100-sample travel evaluations, sigma_AL=5%%, hill climbing from the most communicating value, pairwise "
        + "travel schedule, direct routes."})
public final class SkewScoutCommand implements Callable<Integer>, DeclaresSettings {
  @Spec
  CommandSpec spec;

  @Option(names = "--bench", description = "Run the benchmark (BSP, ORACLE sweep, SkewScout per setting).")
  boolean bench;

  @Option(names = "--out", description = "Output directory (default: results/skew-scout with --bench, "
      + "results/skew-scout-runs without).")
  Path out;

  @Override
  public Map<String, String> shortNames() {
    return Map.of(SkewTrainingOptions.NUM_PARTITIONS.key(), "-k");
  }

  @Override
  public List<Setting<?>> settings() {
    return SkewCommand.declared(ScoutOptions.ALL, SkewTrainingOptions.OUT);
  }

  @Override
  public Integer call() throws Exception {
    Settings o = CliSettings.read(spec, settings());
    o = o.with(SkewTrainingOptions.OUT, out != null ? out
        : SkewCommand.resultsDir(bench ? "skew-scout" : "skew-scout-runs"));
    return bench ? SkewScoutRunner.bench(o, System.out) : SkewScoutRunner.scout(o, System.out);
  }
}
