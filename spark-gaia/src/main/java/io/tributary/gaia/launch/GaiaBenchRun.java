package io.tributary.gaia.launch;

import io.tributary.common.wan.WanTopology;
import java.util.List;
import java.util.Map;

/**
 * What one {@link GaiaBench} run measured, for {@link GaiaBenchFigures} to derive from and
 * {@link GaiaBenchReport} to write.
 *
 * @param cells every application, synchronisation and setting, in the order they ran
 * @param loads the machine's load average at the start of each run, by run label
 * @param seconds how long the whole bench took
 */
record GaiaBenchRun(List<Cell> cells, Map<String, Double> loads, double seconds) {

  /**
   * One system's run in a setting ({@code gaia-overlay} is Gaia with hubs).
   *
   * @param system the system's name in the tables ({@code lan}, {@code baseline}, {@code gaia}, ...)
   * @param outcome what the run measured (checked against its final model)
   * @param finalObjective the objective of its final model after the final flush
   */
  record Row(String system, RunOutcome outcome, double finalObjective) {}

  /**
   * Everything measured for one application, synchronisation and setting.
   *
   * @param app the application
   * @param staleness the synchronisation (0: BSP, else SSP with this staleness)
   * @param setting the WAN's name ({@code vc}, {@code ss}, {@code ec2-11})
   * @param wan the WAN
   * @param rows LAN's run first, then every other system's
   * @param centralized CENTRALIZED's figures (Table 5.2) for this setting
   */
  record Cell(GaiaBenchApp app, int staleness, String setting, WanTopology wan, List<Row> rows,
      Centralized centralized) {
    /** The outcome of {@code system}'s run, or null where it did not run here. */
    RunOutcome get(String system) {
      return rows.stream().filter(r -> r.system.equals(system)).map(Row::outcome).findFirst().orElse(null);
    }

    /** The row of {@code system}, which must have run here. */
    Row row(String system) {
      return rows.stream().filter(r -> r.system().equals(system)).findFirst().orElseThrow();
    }
  }

  /** A setting's name as it appears in summary keys and file names ({@code ec2-11} is {@code ec2_11}). */
  static String key(String setting) {
    return setting.replace('-', '_');
  }

  /** What summary keys and file names add for a synchronisation: nothing for BSP, {@code _ssp} for SSP. */
  static String syncTag(int staleness) {
    return staleness == 0 ? "" : "_ssp";
  }

  /** A synchronisation's name in run labels and tables: {@code bsp} or {@code ssp<staleness>}. */
  static String syncName(int staleness) {
    return staleness == 0 ? "bsp" : "ssp" + staleness;
  }
}
