package io.tributary.common.scout;

import io.tributary.common.link.InProcessLink;
import io.tributary.common.link.Link;
import io.tributary.common.link.LinkShape;
import io.tributary.common.link.VectorCodec;
import io.tributary.common.metrics.TrafficMeter;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Model traveling (thesis §6.6.1): partition i's model is sent to partition j, which evaluates it
 * on a sample of its own training data; the accuracy loss of the trip is i's accuracy on its own
 * sample minus its accuracy on j's. Which models travel where is a {@link TravelSchedule}; how
 * they get there a {@link TravelOverlay} (direct, through hubs, through a server). Models travel
 * as real frames over {@link Link}s counted by a {@link TrafficMeter}, so their bytes are part of
 * the run's communication.
 *
 * <p>A travel frame is {@code 'T'}, varint round, varint source partition, the source's accuracy
 * on its own sample (8 bytes), then the parameters and the non-trainable state (BatchNorm running
 * statistics) as {@link VectorCodec} vectors. Hubs and the server forward frames unchanged.
 *
 * <p>This class drives every node of a round from one thread (the lock-step placement, where one
 * task simulates all partitions); each hop is a send on one node's link and a receive on the
 * other's, in an order where a node forwards only what it has received. Channels are named
 * {@code <name>/p<k>-><name>/p<j>} and {@code <name>/server}.
 */
public final class ModelTraveler implements AutoCloseable {
  static final byte TRAVEL = 'T';
  private static final long RECEIVE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(1);

  /** The partitions' current models, as the training loop holds them. */
  public interface ModelAccess {
    /** Partition {@code k}'s parameters (not modified). */
    float[] parameters(int k);

    /** Partition {@code k}'s non-trainable state; empty when the model has none. */
    float[] state(int k);
  }

  /** Evaluates a model on a sample of one partition's training data. */
  @FunctionalInterface
  public interface SampleEvaluator {
    /**
     * Top-1 accuracy in [0, 1] of the model ({@code parameters}, {@code state}) on the sample
     * partition {@code partition} uses in round {@code round} (the same sample for every model
     * evaluated there in that round).
     */
    double accuracy(int partition, float[] parameters, float[] state, long round) throws IOException;
  }

  /** One trip's outcome. */
  public record TripResult(int source, int destination, double localAccuracy, double remoteAccuracy)
      implements Serializable {
    /** The trip's accuracy loss: local minus remote accuracy. */
    public double loss() {
      return localAccuracy - remoteAccuracy;
    }
  }

  /** One round's outcome. */
  public record TravelRound(long round, List<TripResult> trips, long bytes, long messages) implements Serializable {
    /** The mean accuracy loss over the round's trips (NaN with no trips). */
    public double accuracyLoss() {
      return trips.stream().mapToDouble(TripResult::loss).average().orElse(Double.NaN);
    }
  }

  private final String name;
  private final int partitions;
  private final TravelSchedule schedule;
  private final TravelOverlay overlay;
  private final TrafficMeter meter;
  private final Link[][] links;

  /**
   * @param name prefix of the links' endpoint names (e.g. the run id)
   * @param shape emulated bandwidth and latency of every travel link
   * @param meter where travel bytes are counted
   */
  public ModelTraveler(String name, int partitions, TravelSchedule schedule, TravelOverlay overlay, LinkShape shape,
      TrafficMeter meter) {
    if (partitions < 1) {
      throw new IllegalArgumentException("need at least one partition, got " + partitions);
    }
    this.name = name;
    this.partitions = partitions;
    this.schedule = schedule;
    this.overlay = overlay;
    this.meter = meter;
    int nodes = overlay.nodes(partitions);
    this.links = new Link[nodes][nodes];
    for (int a = 0; a < nodes; a++) {
      for (int b = a + 1; b < nodes; b++) {
        InProcessLink[] ends = InProcessLink.pair(endpoint(a), endpoint(b), shape, meter);
        links[a][b] = ends[0];
        links[b][a] = ends[1];
      }
    }
  }

  /** The endpoint name of node {@code n}: {@code <name>/p<n>}, or {@code <name>/server} for the server node. */
  public String endpoint(int n) {
    String base = name == null || name.isEmpty() ? "" : name + "/";
    return n == partitions ? base + "server" : base + "p" + n;
  }

  public TravelSchedule schedule() {
    return schedule;
  }

  public TravelOverlay overlay() {
    return overlay;
  }

  /** The meter travel bytes are counted in. */
  public TrafficMeter meter() {
    return meter;
  }

  /**
   * Runs round {@code round}: every source evaluates its model on its own sample and sends it
   * along the overlay; every destination evaluates what it received on its sample.
   */
  public TravelRound travel(long round, ModelAccess models, SampleEvaluator evaluator)
      throws IOException, InterruptedException {
    long bytes0 = meter.totalBytes();
    long messages0 = meter.totalMessages();
    List<TravelSchedule.Trip> trips = schedule.trips(round, partitions);
    Map<Integer, Double> local = new HashMap<>();
    // frames held by node: node -> source -> frame
    Map<Integer, Map<Integer, byte[]>> held = new HashMap<>();
    for (TravelOverlay.Hop hop : overlay.route(trips, partitions)) {
      byte[] frame = held.getOrDefault(hop.from(), Map.of()).get(hop.source());
      if (frame == null) {
        if (hop.from() != hop.source()) {
          throw new IllegalStateException("overlay " + overlay.spec() + " routes partition " + hop.source()
              + "'s model from node " + hop.from() + " before it got there");
        }
        float[] p = models.parameters(hop.source());
        float[] s = models.state(hop.source());
        double acc = evaluator.accuracy(hop.source(), p, s, round);
        local.put(hop.source(), acc);
        frame = encode(round, hop.source(), acc, p, s);
        held.computeIfAbsent(hop.from(), x -> new HashMap<>()).put(hop.source(), frame);
      }
      links[hop.from()][hop.to()].send(frame);
      byte[] got = links[hop.to()][hop.from()].receive(RECEIVE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
      if (got == null) {
        throw new IOException("model traveling: node " + endpoint(hop.to()) + " got no frame from "
            + endpoint(hop.from()));
      }
      held.computeIfAbsent(hop.to(), x -> new HashMap<>()).put(hop.source(), got);
    }
    List<TripResult> results = new ArrayList<>();
    for (TravelSchedule.Trip t : trips) {
      byte[] frame = held.getOrDefault(t.destination(), Map.of()).get(t.source());
      if (frame == null) {
        throw new IllegalStateException("overlay " + overlay.spec() + " did not deliver partition " + t.source()
            + "'s model to partition " + t.destination());
      }
      Frame f = decode(frame, endpoint(t.destination()));
      if (f.round() != round || f.source() != t.source()) {
        throw new IOException("model traveling: partition " + t.destination() + " expected round " + round
            + " model of partition " + t.source() + ", got round " + f.round() + " of partition " + f.source());
      }
      double remote = evaluator.accuracy(t.destination(), f.parameters(), f.state(), round);
      results.add(new TripResult(t.source(), t.destination(), f.localAccuracy(), remote));
    }
    return new TravelRound(round, List.copyOf(results), meter.totalBytes() - bytes0,
        meter.totalMessages() - messages0);
  }

  /** A decoded travel frame. */
  record Frame(long round, int source, double localAccuracy, float[] parameters, float[] state) {}

  static byte[] encode(long round, int source, double localAccuracy, float[] parameters, float[] state) {
    if (round > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("round " + round + " too large for a travel frame");
    }
    byte[] p = VectorCodec.encode(parameters);
    byte[] s = VectorCodec.encode(state);
    ByteBuffer b = ByteBuffer.allocate(1 + VectorCodec.varintSize(round) + VectorCodec.varintSize(source) + 8
        + p.length + s.length);
    b.put(TRAVEL);
    VectorCodec.putVarint(b, (int) round);
    VectorCodec.putVarint(b, source);
    b.putDouble(localAccuracy);
    b.put(p).put(s);
    return b.array();
  }

  static Frame decode(byte[] frame, String at) throws IOException {
    try {
      ByteBuffer b = ByteBuffer.wrap(frame);
      if (b.get() != TRAVEL) {
        throw new IOException("model traveling: " + at + " received a frame that is not a travel frame");
      }
      int round = VectorCodec.getVarint(b);
      int source = VectorCodec.getVarint(b);
      double acc = b.getDouble();
      float[] p = VectorCodec.decode(b).toDense();
      float[] s = VectorCodec.decode(b).toDense();
      return new Frame(round, source, acc, p, s);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new IOException("model traveling: malformed travel frame at " + at + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    for (Link[] row : links) {
      for (Link l : row) {
        if (l != null) {
          l.close();
        }
      }
    }
  }
}
