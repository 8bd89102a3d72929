package io.tributary.gaia.deploy;

/**
 * Prices a run is costed with (thesis §5.4.3, Table 5.1): machine time per region, and WAN
 * transfer per GB ({@code 2^30} bytes) sent from and received in a region. See
 * {@link WanTopologyAdapter#ec2January2017()}.
 */
public interface CostRates {
  /** USD per hour of the CPU instance in {@code region}. */
  double cpuPerHour(String region);

  /** USD per GB sent from {@code region} to another region. */
  double sendPerGb(String region);

  /** USD per GB received in {@code region} from another region. */
  double receivePerGb(String region);

  /** Bytes in a billed GB. */
  double BYTES_PER_GB = 1L << 30;
}
