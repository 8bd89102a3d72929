package io.tributary.common.wan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Monetary cost of a geo-distributed run, after the Gaia evaluation (thesis §5.4.3, Table 5.1,
 * Figure 5.10): machine time spent computing, machine time spent waiting for the network, and
 * WAN data transfer. Transfer inside a data centre is free, as on EC2.
 *
 * <p>{@link #ec2January2017()} is Table 5.1, the EC2 on-demand prices of January 2017 per region:
 * instance prices in USD per hour for the CPU instance ({@code c4.4xlarge}/{@code m4.4xlarge},
 * the 16-core machines of §5.4.1), the GPU instance ({@code g2.8xlarge}) and the low-cost instance
 * ({@code m4.xlarge}, used to centralise input data); and WAN transfer prices in USD per GB, one
 * for data a region <b>sends</b> to other regions (region-dependent: $0.02 from the US and Europe
 * up to $0.16 from São Paulo) and one for data it <b>receives</b> from them ($0.01 everywhere).
 * A GB here is 2^30 bytes, as EC2 bills.
 *
 * <p>Compute and waiting times are instance-seconds: a data centre running 2 machines for 100 s
 * has 200 instance-seconds.
 */
public final class CostModel {
  /** Bytes in one billed GB. */
  public static final double BYTES_PER_GB = 1L << 30;

  /** The instance type a run is priced with. */
  public enum Instance { CPU, GPU, LOW_COST }

  /**
   * Prices of one region.
   *
   * @param region canonical region id, e.g. {@code "sao-paulo"}
   * @param cpuPerHour USD per hour of the CPU instance
   * @param gpuPerHour USD per hour of the GPU instance
   * @param lowCostPerHour USD per hour of the low-cost instance
   * @param sendPerGb USD per GB sent from this region to another
   * @param receivePerGb USD per GB received here from another region
   */
  public record RegionPrices(String region, double cpuPerHour, double gpuPerHour, double lowCostPerHour,
      double sendPerGb, double receivePerGb) {
    public RegionPrices {
      for (double v : new double[] {cpuPerHour, gpuPerHour, lowCostPerHour, sendPerGb, receivePerGb}) {
        if (!(v >= 0) || Double.isInfinite(v)) {
          throw new IllegalArgumentException("prices of " + region + " must be finite and >= 0");
        }
      }
    }

    /** USD per hour of {@code instance}. */
    public double perHour(Instance instance) {
      return switch (instance) {
        case CPU -> cpuPerHour;
        case GPU -> gpuPerHour;
        case LOW_COST -> lowCostPerHour;
      };
    }
  }

  /**
   * What one data centre used during a run.
   *
   * @param dataCenter the data centre's name in the topology
   * @param computeSeconds instance-seconds spent computing
   * @param waitingSeconds instance-seconds spent waiting for the network
   * @param bytesSent bytes sent over the WAN to other data centres
   * @param bytesReceived bytes received over the WAN from other data centres
   */
  public record Usage(String dataCenter, double computeSeconds, double waitingSeconds, long bytesSent,
      long bytesReceived) {
    public Usage {
      if (!(computeSeconds >= 0) || !(waitingSeconds >= 0) || bytesSent < 0 || bytesReceived < 0) {
        throw new IllegalArgumentException("usage of " + dataCenter + " must be non-negative");
      }
    }
  }

  /**
   * A run's cost in USD, split as in Figure 5.10.
   *
   * @param computeUsd machine time spent computing
   * @param waitingUsd machine time spent waiting for the network
   * @param transferUsd WAN data transfer (sending and receiving)
   * @param perDataCenterUsd total per data centre, in topology order
   */
  public record RunCost(double computeUsd, double waitingUsd, double transferUsd,
      Map<String, Double> perDataCenterUsd) {
    public RunCost {
      perDataCenterUsd = Collections.unmodifiableMap(new LinkedHashMap<>(perDataCenterUsd));
    }

    public double totalUsd() {
      return computeUsd + waitingUsd + transferUsd;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "$%.4f (compute $%.4f, waiting $%.4f, WAN transfer $%.4f)", totalUsd(),
          computeUsd, waitingUsd, transferUsd);
    }
  }

  private final String name;
  private final Map<String, RegionPrices> prices;

  private CostModel(String name, Map<String, RegionPrices> prices) {
    this.name = name;
    this.prices = prices;
  }

  /** A cost model from explicit prices (region ids are normalised as in {@link #prices}). */
  public static CostModel of(String name, Collection<RegionPrices> regionPrices) {
    Map<String, RegionPrices> m = new LinkedHashMap<>();
    for (RegionPrices p : regionPrices) {
      if (m.put(Ec2Regions.canonical(p.region()), p) != null) {
        throw new IllegalArgumentException("prices for region " + p.region() + " given twice");
      }
    }
    return new CostModel(name, Collections.unmodifiableMap(m));
  }

  /** Thesis Table 5.1: EC2 on-demand prices of January 2017 for the 11 regions of {@code ec2-11}. */
  public static CostModel ec2January2017() {
    return of("ec2-2017-01", List.of(
        new RegionPrices("virginia", 0.86, 2.60, 0.22, 0.02, 0.01),
        new RegionPrices("california", 1.01, 2.81, 0.22, 0.02, 0.01),
        new RegionPrices("oregon", 0.86, 2.60, 0.22, 0.02, 0.01),
        new RegionPrices("ireland", 0.95, 2.81, 0.24, 0.02, 0.01),
        new RegionPrices("frankfurt", 1.03, 3.09, 0.26, 0.02, 0.01),
        new RegionPrices("tokyo", 1.11, 3.59, 0.27, 0.09, 0.01),
        new RegionPrices("seoul", 1.06, 3.59, 0.28, 0.08, 0.01),
        new RegionPrices("singapore", 1.07, 4.00, 0.27, 0.09, 0.01),
        new RegionPrices("sydney", 1.08, 3.59, 0.27, 0.14, 0.01),
        new RegionPrices("mumbai", 1.05, 3.59, 0.26, 0.09, 0.01),
        new RegionPrices("sao-paulo", 1.37, 4.00, 0.34, 0.16, 0.01)));
  }

  /** The cost model's name, e.g. {@code ec2-2017-01}. */
  public String name() {
    return name;
  }

  /** Regions with prices, in order. */
  public List<String> regions() {
    return List.copyOf(prices.keySet());
  }

  /**
   * Prices of {@code region}, given as an id ({@code "sao-paulo"}), an AWS code
   * ({@code "sa-east-1"}) or a display name ({@code "São Paulo"}).
   *
   * @throws IllegalArgumentException listing the known regions when it has no prices
   */
  public RegionPrices prices(String region) {
    RegionPrices p = prices.get(Ec2Regions.canonical(region));
    if (p == null) {
      throw new IllegalArgumentException("cost model " + name + " has no prices for region '" + region
          + "'; it knows " + regions());
    }
    return p;
  }

  /**
   * The cost of a run: for each data centre, (compute + waiting) instance-hours at its region's
   * {@code instance} price, plus GB sent times its send price and GB received times its receive
   * price. Data centres of the topology without a usage entry cost nothing.
   *
   * @throws IllegalArgumentException when a usage names a data centre not in the topology, or a
   *     region has no prices
   */
  public RunCost cost(WanTopology topology, Instance instance, List<Usage> usage) {
    Map<String, Double> perDc = new LinkedHashMap<>();
    for (String dc : topology.names()) {
      perDc.put(dc, 0.0);
    }
    double compute = 0;
    double waiting = 0;
    double transfer = 0;
    for (Usage u : usage) {
      RegionPrices p = prices(topology.dataCenter(u.dataCenter()).region());
      double hourly = p.perHour(instance);
      double c = u.computeSeconds() / 3600 * hourly;
      double w = u.waitingSeconds() / 3600 * hourly;
      double t = u.bytesSent() / BYTES_PER_GB * p.sendPerGb() + u.bytesReceived() / BYTES_PER_GB * p.receivePerGb();
      compute += c;
      waiting += w;
      transfer += t;
      perDc.merge(u.dataCenter(), c + w + t, Double::sum);
    }
    return new RunCost(compute, waiting, transfer, perDc);
  }

  /**
   * The cost of a run from per-data-centre arrays (topology order) when only bytes sent are known:
   * each data centre's WAN bytes are taken to go to all the others in equal shares (Gaia's
   * broadcast without an overlay), which fixes the bytes each one receives.
   */
  public RunCost cost(WanTopology topology, Instance instance, double[] computeSeconds, double[] waitingSeconds,
      long[] bytesSent) {
    int n = topology.size();
    if (computeSeconds.length != n || waitingSeconds.length != n || bytesSent.length != n) {
      throw new IllegalArgumentException("need one value per data centre (" + n + ") in each array");
    }
    double[] received = new double[n];
    for (int i = 0; i < n; i++) {
      if (bytesSent[i] > 0 && n == 1) {
        throw new IllegalArgumentException("a one-data-centre topology sends nothing over a WAN");
      }
      for (int j = 0; j < n; j++) {
        if (j != i) {
          received[j] += (double) bytesSent[i] / (n - 1);
        }
      }
    }
    List<Usage> usage = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      usage.add(new Usage(topology.dataCenter(i).name(), computeSeconds[i], waitingSeconds[i], bytesSent[i],
          Math.round(received[i])));
    }
    return cost(topology, instance, usage);
  }

  /**
   * WAN transfer cost of a traffic matrix: {@code bytesFromTo[i][j]} bytes sent from data centre
   * {@code i} to {@code j} (topology order); the diagonal (inside a data centre) is free.
   */
  public double transferUsd(WanTopology topology, long[][] bytesFromTo) {
    int n = topology.size();
    if (bytesFromTo.length != n) {
      throw new IllegalArgumentException("traffic matrix has " + bytesFromTo.length + " rows for " + n
          + " data centres");
    }
    double usd = 0;
    for (int i = 0; i < n; i++) {
      if (bytesFromTo[i].length != n) {
        throw new IllegalArgumentException("traffic matrix row " + i + " has " + bytesFromTo[i].length + " entries");
      }
      RegionPrices from = prices(topology.dataCenter(i).region());
      for (int j = 0; j < n; j++) {
        if (i != j) {
          RegionPrices to = prices(topology.dataCenter(j).region());
          usd += bytesFromTo[i][j] / BYTES_PER_GB * (from.sendPerGb() + to.receivePerGb());
        }
      }
    }
    return usd;
  }
}
