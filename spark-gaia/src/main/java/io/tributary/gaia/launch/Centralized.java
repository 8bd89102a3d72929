package io.tributary.gaia.launch;

import io.tributary.common.wan.CostModel;
import io.tributary.common.wan.WanTopology;
import java.util.Map;

/**
 * The CENTRALIZED alternative of thesis §5.5.4 (Table 5.2): move every data centre's training data
 * to one data centre, in parallel over the WAN links to it, with one low-cost instance per sending
 * data centre for the duration of its transfer, then train there as LAN does. Of all destinations
 * the cheapest is chosen, as the thesis does.
 *
 * @param destination where the data goes
 * @param moveSeconds time until the last transfer has arrived (the slowest link's bytes / bandwidth plus latency)
 * @param totalSeconds move time plus LAN's time to converge
 * @param transferUsd WAN transfer (send price at the source, receive price at the destination)
 * @param moveMachinesUsd low-cost instances that send the data
 * @param trainUsd LAN's machine time priced at the destination's CPU instance
 */
public record Centralized(String destination, double moveSeconds, double totalSeconds, double transferUsd,
    double moveMachinesUsd, double trainUsd) {

  public double totalUsd() {
    return transferUsd + moveMachinesUsd + trainUsd;
  }

  /**
   * The cheapest CENTRALIZED plan.
   *
   * @param dataBytes training data held by each data centre (by name in {@code wan})
   * @param lan the LAN run (all data in one data centre, same workers): its time to its target and machine time
   */
  public static Centralized cheapest(WanTopology wan, Map<String, Long> dataBytes, RunOutcome lan, CostModel prices) {
    Centralized best = null;
    for (String dest : dataBytes.keySet()) {
      CostModel.RegionPrices at = prices.prices(wan.dataCenter(dest).region());
      double move = 0;
      double transfer = 0;
      double machines = 0;
      for (Map.Entry<String, Long> e : dataBytes.entrySet()) {
        if (e.getKey().equals(dest) || e.getValue() == 0) {
          continue;
        }
        CostModel.RegionPrices from = prices.prices(wan.dataCenter(e.getKey()).region());
        int a = wan.indexOf(e.getKey());
        int b = wan.indexOf(dest);
        double seconds = e.getValue() * 8.0 / (wan.bandwidthMbps(a, b) * 1e6) + wan.latencyMs(a, b) / 1000;
        move = Math.max(move, seconds);
        transfer += e.getValue() / CostModel.BYTES_PER_GB * (from.sendPerGb() + at.receivePerGb());
        machines += seconds / 3600 * from.lowCostPerHour();
      }
      double train = (lan.computeInstanceSeconds() + lan.waitInstanceSeconds()) / 3600 * at.cpuPerHour();
      Centralized c = new Centralized(dest, move, move + lan.timeToTarget(), transfer, machines, train);
      if (best == null || c.totalUsd() < best.totalUsd()) {
        best = c;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no data centres with data");
    }
    return best;
  }
}
