package io.tributary.common.protocol;

import io.tributary.common.link.Link;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Where a protocol instance sits: its partition index, the links to every other partition, how
 * partitions' updates are weighted and how long to wait for a peer.
 *
 * @param partition this partition's index k
 * @param peers links indexed by partition: {@code peers[i]} leads to partition i, {@code
 *     peers[k]} is null; length K
 * @param weighting how each partition's update is weighted in the shared model
 * @param receiveTimeoutMillis how long {@link SyncProtocol#receive} waits for one peer before it
 *     fails with an error naming that peer
 */
public record ProtocolContext(int partition, Link[] peers, UpdateWeighting weighting, long receiveTimeoutMillis) {

  /** Default wait for a peer's frame: 10 minutes (a slow partition on a busy machine is not dead). */
  public static final long DEFAULT_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(10);

  public ProtocolContext {
    if (peers == null || peers.length == 0) {
      throw new IllegalArgumentException("need links to every partition (array of length K)");
    }
    if (partition < 0 || partition >= peers.length) {
      throw new IllegalArgumentException("partition " + partition + " outside [0, " + peers.length + ")");
    }
    for (int i = 0; i < peers.length; i++) {
      if ((i == partition) != (peers[i] == null)) {
        throw new IllegalArgumentException(i == partition ? "peers[" + i + "] must be null (this partition)"
            : "no link from partition " + partition + " to partition " + i);
      }
    }
    if (weighting == null) {
      throw new IllegalArgumentException("weighting is null");
    }
    if (receiveTimeoutMillis <= 0) {
      throw new IllegalArgumentException("receive timeout must be > 0 ms, got " + receiveTimeoutMillis);
    }
    peers = peers.clone();
  }

  /** A context with {@link UpdateWeighting#MEAN} and the default timeout. */
  public static ProtocolContext of(int partition, Link[] peers) {
    return new ProtocolContext(partition, peers, UpdateWeighting.MEAN, DEFAULT_TIMEOUT_MILLIS);
  }

  /** The number of partitions K. */
  public int partitions() {
    return peers.length;
  }

  @Override
  public Link[] peers() {
    return peers.clone();
  }

  Link peer(int i) {
    return peers[i];
  }

  @Override
  public String toString() {
    return "ProtocolContext[partition=" + partition + ", K=" + peers.length + ", weighting=" + weighting
        + ", timeout=" + receiveTimeoutMillis + "ms, peers=" + Arrays.stream(peers)
            .map(l -> l == null ? "-" : l.remoteId()).toList() + "]";
  }
}
