package io.tributary.common.asp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One data centre's copy of the global model (thesis §5.3.2): per parameter its value and its
 * accumulated local update not yet shared, sharded by contiguous key ranges, each shard with its
 * own lock so local updates, remote updates and reads of different shards do not contend.
 *
 * <ul>
 *   <li>Local updates ({@link #applyLocal}) change the value and add to the accumulated update.</li>
 *   <li>{@link #takeSignificant} removes and returns the accumulated updates the significance
 *       filter selects (they are then sent to the other data centres).</li>
 *   <li>Remote updates ({@link #applyRemote}) change the value only, so they are never echoed.</li>
 *   <li>ASP selective barriers ({@link #block}) make reads of exactly the listed parameters wait
 *       until the announced update from that data centre has been applied.</li>
 * </ul>
 */
public final class ParameterStore {
  private final float[] values;
  private final float[] accumulated;
  private final int shardSize;
  private final Shard[] shards;

  /** A pending barrier: reads of {@code indices} wait for update {@code seq} of {@code source}. */
  private record Hold(String source, long seq, int[] indices) {
    boolean intersects(int from, int to) {
      int i = Arrays.binarySearch(indices, from);
      int pos = i >= 0 ? i : -i - 1;
      return pos < indices.length && indices[pos] < to;
    }
  }

  private static final class Shard {
    final int from;
    final int to;
    final List<Hold> holds = new ArrayList<>();
    final Map<String, Long> lastApplied = new HashMap<>();

    Shard(int from, int to) {
      this.from = from;
      this.to = to;
    }
  }

  /**
   * A store holding a copy of {@code initial}, cut into shards of {@code shardSize} parameters
   * (the last may be smaller). Every data centre must start from the same initial values.
   */
  public ParameterStore(float[] initial, int shardSize) {
    if (shardSize < 1) {
      throw new IllegalArgumentException("shard size must be >= 1, got " + shardSize);
    }
    this.values = initial.clone();
    this.accumulated = new float[initial.length];
    this.shardSize = shardSize;
    int n = (initial.length + shardSize - 1) / shardSize;
    this.shards = new Shard[n];
    for (int s = 0; s < n; s++) {
      shards[s] = new Shard(s * shardSize, Math.min(initial.length, (s + 1) * shardSize));
    }
  }

  /** Number of parameters. */
  public int size() {
    return values.length;
  }

  public int shardCount() {
    return shards.length;
  }

  public int shardSize() {
    return shardSize;
  }

  public int shardOf(int index) {
    return index / shardSize;
  }

  /** First parameter of shard {@code s}. */
  public int shardFrom(int s) {
    return shards[s].from;
  }

  /** One past the last parameter of shard {@code s}. */
  public int shardTo(int s) {
    return shards[s].to;
  }

  /** Applies a dense local update to every parameter (value and accumulated update). */
  public void applyLocal(float[] delta) {
    if (delta.length != values.length) {
      throw new IllegalArgumentException("update has " + delta.length + " entries, store has " + values.length);
    }
    for (Shard sh : shards) {
      synchronized (sh) {
        for (int i = sh.from; i < sh.to; i++) {
          float d = delta[i];
          if (d != 0f) {
            values[i] += d;
            accumulated[i] += d;
          }
        }
      }
    }
  }

  /** Applies a sparse local update; {@code indices} must be increasing. */
  public void applyLocal(int[] indices, float[] deltas) {
    int k = 0;
    while (k < indices.length) {
      Shard sh = shards[shardOf(indices[k])];
      synchronized (sh) {
        while (k < indices.length && indices[k] < sh.to) {
          values[indices[k]] += deltas[k];
          accumulated[indices[k]] += deltas[k];
          k++;
        }
      }
    }
  }

  /** A sparse set of parameters with values: global indices, increasing. */
  public record Sparse(int[] indices, float[] values) {
    public static final Sparse EMPTY = new Sparse(new int[0], new float[0]);

    public int size() {
      return indices.length;
    }
  }

  /** What the significance filter took from one shard. */
  public record Selection(Sparse update, int[] hardIndices) {
    public boolean isEmpty() {
      return update.size() == 0;
    }
  }

  /**
   * Removes and returns the accumulated updates of shard {@code s} whose significance exceeds
   * {@code soft} (all of them when {@code soft <= 0} and they are non-zero); those above
   * {@code hard} are listed again in {@link Selection#hardIndices()} (they must be delivered and
   * may warrant a barrier). Taken parameters have their accumulated update reset to 0.
   */
  public Selection takeSignificant(int s, SignificanceFunction fn, double hard, double soft) {
    Shard sh = shards[s];
    synchronized (sh) {
      int n = sh.to - sh.from;
      double[] sig = new double[n];
      fn.evaluate(accumulated, values, sh.from, sh.to, sig);
      int count = 0;
      int hardCount = 0;
      for (int i = 0; i < n; i++) {
        if (accumulated[sh.from + i] != 0f && sig[i] > soft) {
          count++;
          if (sig[i] > hard) {
            hardCount++;
          }
        }
      }
      if (count == 0) {
        return new Selection(Sparse.EMPTY, new int[0]);
      }
      int[] idx = new int[count];
      float[] val = new float[count];
      int[] hardIdx = new int[hardCount];
      int k = 0;
      int h = 0;
      for (int i = 0; i < n; i++) {
        int g = sh.from + i;
        if (accumulated[g] != 0f && sig[i] > soft) {
          idx[k] = g;
          val[k++] = accumulated[g];
          accumulated[g] = 0f;
          if (sig[i] > hard) {
            hardIdx[h++] = g;
          }
        }
      }
      return new Selection(new Sparse(idx, val), hardIdx);
    }
  }

  /** Removes and returns every non-zero accumulated update of shard {@code s} (a flush). */
  public Sparse takeAll(int s) {
    return takeSignificant(s, (acc, val, from, to, out) -> Arrays.fill(out, 0, to - from, 1.0), -1, -1).update();
  }

  /**
   * Applies update {@code seq} of shard {@code s} from data centre {@code source} to the values
   * (not to the accumulated updates), and lifts the barriers it satisfies.
   */
  public void applyRemote(String source, int s, long seq, int[] indices, float[] deltas) {
    Shard sh = shards[s];
    synchronized (sh) {
      for (int k = 0; k < indices.length; k++) {
        int i = indices[k];
        if (i < sh.from || i >= sh.to) {
          throw new IllegalArgumentException("update for shard " + s + " from " + source + " touches parameter " + i
              + " outside [" + sh.from + "," + sh.to + ")");
        }
        values[i] += deltas[k];
      }
      sh.lastApplied.merge(source, seq, Math::max);
      boolean lifted = false;
      for (Iterator<Hold> it = sh.holds.iterator(); it.hasNext(); ) {
        Hold h = it.next();
        if (h.source.equals(source) && h.seq <= seq) {
          it.remove();
          lifted = true;
        }
      }
      if (lifted) {
        sh.notifyAll();
      }
    }
  }

  /**
   * An ASP selective barrier: until update {@code seq} of shard {@code s} from {@code source}
   * has been applied, reads of {@code indices} (global, increasing) wait. A barrier for an update
   * that has already arrived is ignored.
   */
  public void block(String source, int s, long seq, int[] indices) {
    Shard sh = shards[s];
    synchronized (sh) {
      if (sh.lastApplied.getOrDefault(source, 0L) >= seq || indices.length == 0) {
        return;
      }
      sh.holds.add(new Hold(source, seq, indices.clone()));
    }
  }

  /** Lifts every barrier from {@code source} (it has left the deployment for good). */
  public void releaseAll(String source) {
    for (Shard sh : shards) {
      synchronized (sh) {
        if (sh.holds.removeIf(h -> h.source.equals(source))) {
          sh.notifyAll();
        }
      }
    }
  }

  /** Number of parameters currently blocked by barriers (counted per barrier). */
  public int blockedParameters() {
    int n = 0;
    for (Shard sh : shards) {
      synchronized (sh) {
        for (Hold h : sh.holds) {
          n += h.indices.length;
        }
      }
    }
    return n;
  }

  /** Whether parameter {@code i} is blocked by a barrier right now. */
  public boolean isBlocked(int i) {
    Shard sh = shards[shardOf(i)];
    synchronized (sh) {
      for (Hold h : sh.holds) {
        if (h.intersects(i, i + 1)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Copies parameters {@code [from, to)} into {@code out[offset..]}, waiting while any of them is
   * behind a barrier; returns false (copying nothing further) when {@code timeout} passes first.
   */
  public boolean read(int from, int to, float[] out, int offset, long timeout, TimeUnit unit)
      throws InterruptedException {
    if (from < 0 || to > values.length || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + "," + to + ") of " + values.length + " parameters");
    }
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    int i = from;
    while (i < to) {
      Shard sh = shards[shardOf(i)];
      int end = Math.min(to, sh.to);
      synchronized (sh) {
        while (blocked(sh, i, end)) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          TimeUnit.NANOSECONDS.timedWait(sh, left);
        }
        System.arraycopy(values, i, out, offset + (i - from), end - i);
      }
      i = end;
    }
    return true;
  }

  /** Copies every parameter into {@code out}, waiting on barriers without a time limit. */
  public void readAll(float[] out) throws InterruptedException {
    read(0, values.length, out, 0, Long.MAX_VALUE / 4, TimeUnit.NANOSECONDS);
  }

  private static boolean blocked(Shard sh, int from, int to) {
    for (Hold h : sh.holds) {
      if (h.intersects(from, to)) {
        return true;
      }
    }
    return false;
  }

  /** A copy of all values, ignoring barriers (for checks and checkpoints). */
  public float[] snapshotValues() {
    float[] out = new float[values.length];
    for (Shard sh : shards) {
      synchronized (sh) {
        System.arraycopy(values, sh.from, out, sh.from, sh.to - sh.from);
      }
    }
    return out;
  }

  /** A copy of all accumulated, not yet shared updates. */
  public float[] snapshotAccumulated() {
    float[] out = new float[values.length];
    for (Shard sh : shards) {
      synchronized (sh) {
        System.arraycopy(accumulated, sh.from, out, sh.from, sh.to - sh.from);
      }
    }
    return out;
  }
}
