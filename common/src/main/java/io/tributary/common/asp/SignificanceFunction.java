package io.tributary.common.asp;

import java.io.Serializable;
import java.util.Arrays;

/**
 * How significant a parameter's accumulated, not yet shared update is (thesis §5.2.4): an update
 * is shared with other data centres once its significance exceeds the current threshold. The
 * default, {@link #relativeMagnitude()}, is {@code |accumulated / value|}; {@link #groupNorm(int)}
 * judges groups of parameters that are always used together (§5.3.3), for example one item's
 * factor vector in matrix factorisation, by the relative change of the whole group.
 *
 * <p>Implementations see the store's backing arrays for one contiguous range (a shard), so a
 * group function can look at all members of a group at once; groups never straddle shards.
 */
@FunctionalInterface
public interface SignificanceFunction extends Serializable {

  /**
   * Writes into {@code out[i - from]} the significance of parameter {@code i} for every
   * {@code i} in {@code [from, to)}.
   *
   * @param accumulated accumulated local updates not yet sent, per parameter
   * @param values current parameter values (accumulated updates already applied)
   */
  void evaluate(float[] accumulated, float[] values, int from, int to, double[] out);

  /**
   * Parameters per group that must be sent together (1 for per-parameter functions). Shard
   * boundaries are multiples of it.
   */
  default int groupWidth() {
    return 1;
  }

  /**
   * {@code |accumulated / value|} per parameter; an update to a parameter whose value is 0 is
   * infinitely significant (any change of a zero is a change of 100% or more).
   */
  static SignificanceFunction relativeMagnitude() {
    return RelativeMagnitude.INSTANCE;
  }

  /**
   * {@code ||accumulated_g|| / ||value_g||} (L2 norms) for consecutive groups of {@code width}
   * parameters; every member of a group gets the group's significance, so groups travel whole.
   */
  static SignificanceFunction groupNorm(int width) {
    return new GroupNorm(width);
  }

  /**
   * For counts (e.g. LDA's word-topic counts): {@code |accumulated| / max(|value - accumulated|,
   * floor)}, the change relative to the count the other data centres still hold. Unlike
   * {@link #relativeMagnitude()} a count that was 0 does not make every change infinitely
   * significant: a change of 1 to a count below {@code floor} is judged against {@code floor}
   * (with floor 1, moving one token into an empty cell is a 100% change, into a cell of 50 a 2%
   * change).
   */
  static SignificanceFunction relativeCount(double floor) {
    return new RelativeCount(floor);
  }

  /** Count-relative change, see {@link #relativeCount(double)}. */
  record RelativeCount(double floor) implements SignificanceFunction {
    public RelativeCount {
      if (!(floor > 0) || Double.isInfinite(floor)) {
        throw new IllegalArgumentException("count floor must be positive, got " + floor);
      }
    }

    @Override
    public void evaluate(float[] accumulated, float[] values, int from, int to, double[] out) {
      for (int i = from; i < to; i++) {
        float a = accumulated[i];
        out[i - from] = a == 0f ? 0 : Math.abs(a) / Math.max(Math.abs((double) values[i] - a), floor);
      }
    }

    @Override
    public String toString() {
      return "|accumulated|/max(|count before|, " + floor + ")";
    }
  }

  /** The default per-parameter function. */
  final class RelativeMagnitude implements SignificanceFunction {
    static final RelativeMagnitude INSTANCE = new RelativeMagnitude();
    private static final long serialVersionUID = 1L;

    private RelativeMagnitude() {}

    @Override
    public void evaluate(float[] accumulated, float[] values, int from, int to, double[] out) {
      for (int i = from; i < to; i++) {
        float a = accumulated[i];
        float v = values[i];
        out[i - from] = a == 0f ? 0 : v == 0f ? Double.POSITIVE_INFINITY : Math.abs((double) a / v);
      }
    }

    private Object readResolve() {
      return INSTANCE;
    }

    @Override
    public String toString() {
      return "|accumulated/value|";
    }
  }

  /** Relative L2 change of fixed-width groups. */
  record GroupNorm(int width) implements SignificanceFunction {
    public GroupNorm {
      if (width < 1) {
        throw new IllegalArgumentException("group width must be >= 1, got " + width);
      }
    }

    @Override
    public int groupWidth() {
      return width;
    }

    @Override
    public void evaluate(float[] accumulated, float[] values, int from, int to, double[] out) {
      if ((to - from) % width != 0) {
        throw new IllegalArgumentException("range [" + from + "," + to + ") is not whole groups of " + width);
      }
      for (int g = from; g < to; g += width) {
        double acc = 0;
        double val = 0;
        for (int i = g; i < g + width; i++) {
          acc += (double) accumulated[i] * accumulated[i];
          val += (double) values[i] * values[i];
        }
        double s = acc == 0 ? 0 : val == 0 ? Double.POSITIVE_INFINITY : Math.sqrt(acc / val);
        Arrays.fill(out, g - from, g - from + width, s);
      }
    }

    @Override
    public String toString() {
      return "||accumulated_g||/||value_g|| over groups of " + width;
    }
  }
}
