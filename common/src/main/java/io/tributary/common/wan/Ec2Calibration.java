package io.tributary.common.wan;

/**
 * The {@code ec2-11} topology's numbers and how they are derived: the 11 Amazon EC2 regions of
 * the Gaia study (thesis §5.1.1, Figure 5.1), one data centre per region, grouped by continent for
 * Gaia's hub overlay (§5.3.5): north-america, europe, asia-pacific, south-america.
 *
 * <h2>How the numbers are derived</h2>
 * The thesis gives Figure 5.1 only as a picture; its text states the shape: WAN bandwidth is
 * <b>15x below LAN on average</b>, <b>60x below at worst</b> (Singapore-São Paulo), and close
 * pairs (Oregon-California, Tokyo-Seoul) have <b>up to 12x</b> the bandwidth of distant ones.
 * It states no absolute LAN bandwidth (§5.1.1 and §5.4.1 only say the emulation slowed the LAN to
 * EC2's speed), so the LAN is taken as {@value WanTopology#DEFAULT_LAN_MBPS} Mbps. Then:
 * <ol>
 *   <li>One-way latency = half the typical inter-region round-trip time (a geographic table
 *       from public EC2 ping measurements of the period, {@link Ec2Regions}: 20 ms
 *       Oregon-California RTT, 62 ms Virginia-California, 330 ms Singapore-São Paulo...).</li>
 *   <li>Single-stream TCP throughput (what {@code iperf3} measured) falls with RTT, so
 *       bandwidth = {@code min(cap, worst * (RTTworst / RTT)^p)} with worst = LAN/60 = 16.7 Mbps
 *       at the longest RTT (Singapore-São Paulo), cap = 12 x worst = 200 Mbps, and the exponent
 *       {@code p} (about 1.39) solved so the mean over the 55 pairs is LAN/15 = 66.7 Mbps.</li>
 *   <li>Values are rounded to 0.1 Mbps. Results include Oregon-California, Ireland-Frankfurt and
 *       Tokyo-Seoul 200 Mbps, Virginia-California 171.2 Mbps (so {@code vc}), Singapore-São Paulo
 *       16.7 Mbps ({@code ss}). {@link WanTopology#describe()} prints the whole matrix.</li>
 * </ol>
 * A cross-check that points the other way: §5.1.1's "two machines communicating at the average
 * WAN bandwidth cost up to 38x their rent" would need an average of a few hundred Mbps with
 * Table 5.1's prices, i.e. a LAN of several Gbps. Use {@link WanTopology#scaled} for such a
 * setting; every ratio above is preserved.
 *
 * <p>Built lazily, once (class initialisation), because the calibration solves for the exponent.
 */
final class Ec2Calibration {
  /** WAN bandwidth at worst, as a fraction of the LAN's (§5.1.1: 60x below). */
  private static final double WORST_RATIO = 60;
  /** Mean WAN bandwidth as a fraction of the LAN's (§5.1.1: 15x below on average). */
  private static final double MEAN_RATIO = 15;
  /** Close pairs' bandwidth over the worst pair's (§5.1.1: up to 12x). */
  private static final double CLOSE_OVER_WORST = 12;

  /** Exponent {@code p} of the bandwidth model. */
  static final double EXPONENT;
  /** The {@code ec2-11} topology. */
  static final WanTopology EC2_11;

  static {
    double[][] rtt = Ec2Regions.rttMillis();
    int n = rtt.length;
    double worstRtt = 0;
    for (double[] row : rtt) {
      for (double v : row) {
        worstRtt = Math.max(worstRtt, v);
      }
    }
    double worst = WanTopology.DEFAULT_LAN_MBPS / WORST_RATIO;
    double cap = CLOSE_OVER_WORST * worst;
    double target = WanTopology.DEFAULT_LAN_MBPS / MEAN_RATIO;
    double lo = 0;
    double hi = 4;
    for (int it = 0; it < 200; it++) { // the mean bandwidth grows with p: bisect for the target mean
      double mid = (lo + hi) / 2;
      if (meanModel(rtt, worstRtt, worst, cap, mid) > target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    EXPONENT = (lo + hi) / 2;
    WanTopology.Builder b = WanTopology.builder("ec2-11");
    for (int i = 0; i < n; i++) {
      b.dataCenter(new DataCenter(Ec2Regions.IDS.get(i), Ec2Regions.IDS.get(i), Ec2Regions.GROUPS.get(i)));
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double bw = Math.min(cap, worst * Math.pow(worstRtt / rtt[i][j], EXPONENT));
        b.link(Ec2Regions.IDS.get(i), Ec2Regions.IDS.get(j), Math.round(bw * 10) / 10.0, rtt[i][j] / 2);
      }
    }
    EC2_11 = b.build();
  }

  private Ec2Calibration() {}

  /** Mean modelled bandwidth over all pairs for exponent {@code p}. */
  private static double meanModel(double[][] rtt, double worstRtt, double worst, double cap, double p) {
    double s = 0;
    int pairs = 0;
    for (int i = 0; i < rtt.length; i++) {
      for (int j = i + 1; j < rtt.length; j++) {
        s += Math.min(cap, worst * Math.pow(worstRtt / rtt[i][j], p));
        pairs++;
      }
    }
    return s / pairs;
  }
}
