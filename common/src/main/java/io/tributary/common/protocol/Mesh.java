package io.tributary.common.protocol;

import io.tributary.common.link.InProcessLink;
import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.metrics.TrafficMeter;

/**
 * Full meshes of links between K partitions. Endpoint {@code k} is named {@link #endpoint} (e.g.
 * {@code run7/p2}), so a meter's channel {@code run7/p2->run7/p0} holds what partition 2 sent to
 * partition 0 and {@link #bytesSentBy} sums one partition's sends.
 */
public final class Mesh {
  private Mesh() {}

  /** The endpoint name of partition {@code k} in mesh {@code name} (empty name: {@code p<k>}). */
  public static String endpoint(String name, int k) {
    return (name == null || name.isEmpty() ? "" : name + "/") + "p" + k;
  }

  /**
   * A full mesh of in-process links: {@code links[k][i]} is partition k's end of the link to i
   * ({@code links[k][k]} is null), each direction shaped with {@code shape} and counted in
   * {@code meter}.
   */
  public static Link[][] inProcess(String name, int partitions, LinkShape shape, TrafficMeter meter) {
    if (partitions < 1) {
      throw new IllegalArgumentException("need at least one partition, got " + partitions);
    }
    Link[][] links = new Link[partitions][partitions];
    for (int a = 0; a < partitions; a++) {
      for (int b = a + 1; b < partitions; b++) {
        InProcessLink[] ends = InProcessLink.pair(endpoint(name, a), endpoint(name, b), shape, meter);
        links[a][b] = ends[0];
        links[b][a] = ends[1];
      }
    }
    return links;
  }

  /** Bytes partition {@code k} of mesh {@code name} sent, according to {@code meter}. */
  public static long bytesSentBy(TrafficMeter meter, String name, int k) {
    return meter.bytesWithPrefix(endpoint(name, k) + "->");
  }
}
