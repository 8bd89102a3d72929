package io.tributary.common.scout;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which partition's model travels to which partitions in each model-traveling round, for N
 * partitions. Every schedule covers all ordered pairs {@code (source, destination)} within
 * {@link #roundsToCover} rounds, so accuracy loss is learned between every two partitions over
 * time without moving every model everywhere every round.
 *
 * <ul>
 *   <li>{@link #pairs()}: round r shifts by {@code s = 1 + r mod (N - 1)}; every partition sends its
 *       model to partition {@code (k + s) mod N}. Each round every partition sends one model and
 *       evaluates one, and all N(N - 1) pairs are covered in N - 1 rounds. Because each partition
 *       is a source once and a destination once, the round's mean accuracy loss is exactly 0 when
 *       the models are identical, whatever the partitions' data: it measures model divergence,
 *       not how hard each partition's data is.</li>
 *   <li>{@link #broadcast(int)}: m sources per round, in turn, each to every other partition; all
 *       pairs in {@code ceil(N / m)} rounds. This is the shape hubs (overlay) make cheap: a model
 *       crosses each long link once however many partitions behind it evaluate it.</li>
 * </ul>
 */
public interface TravelSchedule extends Serializable {

  /** One model's trip: partition {@code source}'s model evaluated on partition {@code destination}'s data. */
  record Trip(int source, int destination) implements Serializable {}

  /** The trips of round {@code round} among {@code partitions} partitions. */
  List<Trip> trips(long round, int partitions);

  /** Rounds after which every ordered pair has travelled at least once. */
  int roundsToCover(int partitions);

  /** The text form, which {@link #parse} reads back. */
  String spec();

  /** Pairwise shifts (see the class comment). */
  static TravelSchedule pairs() {
    return new Pairs();
  }

  /** {@code sourcesPerRound} sources per round, each broadcast to all other partitions. */
  static TravelSchedule broadcast(int sourcesPerRound) {
    return new Broadcast(sourcesPerRound);
  }

  /** Parses {@code pairs}, {@code broadcast} or {@code broadcast:<sources per round>}. */
  static TravelSchedule parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("pairs") || t.equals("pairwise")) {
      return pairs();
    }
    if (t.equals("broadcast")) {
      return broadcast(1);
    }
    if (t.startsWith("broadcast:")) {
      try {
        return broadcast(Integer.parseInt(t.substring(10).trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad travel schedule '" + text + "' (expected broadcast:<sources>)", e);
      }
    }
    throw new IllegalArgumentException("unknown travel schedule '" + text + "' (expected pairs, broadcast or "
        + "broadcast:<sources per round>)");
  }

  /** See {@link TravelSchedule#pairs()}. */
  record Pairs() implements TravelSchedule {
    @Override
    public List<Trip> trips(long round, int partitions) {
      List<Trip> out = new ArrayList<>();
      if (partitions < 2) {
        return out;
      }
      int shift = 1 + (int) (round % (partitions - 1));
      for (int k = 0; k < partitions; k++) {
        out.add(new Trip(k, (k + shift) % partitions));
      }
      return out;
    }

    @Override
    public int roundsToCover(int partitions) {
      return Math.max(0, partitions - 1);
    }

    @Override
    public String spec() {
      return "pairs";
    }
  }

  /** See {@link TravelSchedule#broadcast(int)}. */
  record Broadcast(int sourcesPerRound) implements TravelSchedule {
    public Broadcast {
      if (sourcesPerRound < 1) {
        throw new IllegalArgumentException("broadcast needs >= 1 source per round, got " + sourcesPerRound);
      }
    }

    @Override
    public List<Trip> trips(long round, int partitions) {
      List<Trip> out = new ArrayList<>();
      if (partitions < 2) {
        return out;
      }
      int m = Math.min(sourcesPerRound, partitions);
      for (int q = 0; q < m; q++) {
        int s = (int) ((round * m + q) % partitions);
        for (int d = 0; d < partitions; d++) {
          if (d != s) {
            out.add(new Trip(s, d));
          }
        }
      }
      return out;
    }

    @Override
    public int roundsToCover(int partitions) {
      return partitions < 2 ? 0 : (partitions + Math.min(sourcesPerRound, partitions) - 1)
          / Math.min(sourcesPerRound, partitions);
    }

    @Override
    public String spec() {
      return sourcesPerRound == 1 ? "broadcast" : "broadcast:" + sourcesPerRound;
    }
  }
}
