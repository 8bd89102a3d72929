package io.tributary.common.link;

import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * One direction-agnostic, message-oriented connection between two named endpoints (data centres,
 * partitions, hubs). Protocols talk to links, never to sockets or queues, so the same protocol
 * runs in-process in a study and over TCP/TLS between data centres. Every frame that is sent is
 * counted in the link's {@link TrafficMeter} under the channel {@code from->to}.
 */
public interface Link extends AutoCloseable {

  /** The endpoint that owns this side of the link. */
  String localId();

  /** The endpoint at the other side. */
  String remoteId();

  /**
   * Sends one frame. May block to honour a configured bandwidth (shaping); frames arrive in order.
   *
   * @throws IOException when the link is closed or the peer is unreachable and the link gives up
   */
  void send(byte[] frame) throws IOException;

  /**
   * Receives the next frame, waiting up to {@code timeout}.
   *
   * @return the frame, or {@code null} when none arrived in time
   * @throws IOException when the link is closed
   */
  byte[] receive(long timeout, TimeUnit unit) throws IOException, InterruptedException;

  /** The meter this link reports its sent bytes to. */
  TrafficMeter meter();

  /** Channel name used for this side's sent bytes. */
  default String channel() {
    return localId() + "->" + remoteId();
  }

  @Override
  void close() throws IOException;
}
