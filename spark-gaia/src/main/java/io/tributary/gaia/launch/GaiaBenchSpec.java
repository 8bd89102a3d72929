package io.tributary.gaia.launch;

import io.tributary.common.config.Settings;
import io.tributary.gaia.options.BenchOptions;
import io.tributary.gaia.options.LaunchOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What {@link GaiaBench} runs: where the outputs go, the applications (built from the problem options by
 * {@link GaiaCli#bench}), and the values of {@link BenchOptions#ALL}, read through the methods
 * below and recorded in {@code bench-config-<app>.txt}.
 *
 * @param out output directory
 * @param apps the applications
 * @param options the values of {@link BenchOptions#ALL}
 */
public record GaiaBenchSpec(Path out, List<GaiaBenchApp> apps, Settings options) {
  public GaiaBenchSpec {
    syncs(options); // a bad --sync is refused before anything is written
  }

  /** WANs to run, from {@code vc}, {@code ss}, {@code ec2-11}. */
  public List<String> settings() {
    return options.get(BenchOptions.SETTINGS);
  }

  /** Workers per data centre in the two-data-centre settings. */
  public int workersPerDcTwo() {
    return options.get(BenchOptions.WORKERS);
  }

  /** Workers per data centre in the 11-data-centre setting. */
  public int workersPerDcMany() {
    return options.get(BenchOptions.WORKERS_11);
  }

  /** Whether Gaia_Async also runs on every setting. */
  public boolean withAsync() {
    return options.get(BenchOptions.WITH_ASYNC);
  }

  /** Factor applied to every WAN bandwidth. */
  public double bandwidthScale() {
    return options.get(LaunchOptions.BANDWIDTH_SCALE);
  }

  /** Heap of each run's JVM. */
  public String heap() {
    return options.get(LaunchOptions.HEAP);
  }

  /** Time limit per run. */
  public double maxSeconds() {
    return options.get(BenchOptions.MAX_SECONDS);
  }

  /** Synchronisation inside data centres: 0 is BSP, {@code s > 0} SSP with staleness s. */
  public List<Integer> syncs() {
    return syncs(options);
  }

  /** Whether Gaia also runs with the hub overlay where there are more than two data centres. */
  public boolean overlay() {
    return options.get(BenchOptions.OVERLAY);
  }

  private static List<Integer> syncs(Settings options) {
    List<Integer> syncs = new ArrayList<>();
    for (String sync : options.get(BenchOptions.SYNC)) {
      switch (sync.strip().toLowerCase(Locale.ROOT)) {
        case "bsp" -> syncs.add(0);
        case "ssp" -> syncs.add(options.get(BenchOptions.SSP_STALENESS));
        default -> throw new IllegalArgumentException("--sync must be bsp and/or ssp, got '" + sync + "'");
      }
    }
    return syncs;
  }
}
