package io.tributary.common.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;

/**
 * Group Normalization (Wu and He, ECCV 2018), the BatchNorm replacement of thesis §6.4.2: the C
 * channels of an {@code [N, C, *]} input are split into groups of adjacent channels; each sample's
 * group is normalised by its own mean and (biased) variance, {@code (x - mean) / sqrt(var + eps)},
 * then scaled and shifted per channel by the trainable {@code gamma} and {@code beta}. Nothing
 * depends on the other samples of the minibatch, which is why it survives non-IID partitions.
 *
 * <p>DJL has no GroupNorm; this block reshapes to {@code [N, G, C/G * H * W]} and lets the engine's
 * fused layer-norm kernel normalise the last axis (the same statistics, with a fused backward
 * pass), then applies the per-channel affine transform.
 */
public final class GroupNorm extends AbstractBlock {
  private static final byte VERSION = 1;

  private final int groupSize;   // channels per group, or 0 when numGroups is fixed
  private final int fixedGroups; // number of groups, or 0 when groupSize is fixed
  private final float epsilon;
  private final Parameter gamma;
  private final Parameter beta;
  private long channels = -1;
  private int groups = -1;

  private GroupNorm(int groupSize, int fixedGroups, float epsilon) {
    super(VERSION);
    if (groupSize < 0 || fixedGroups < 0 || (groupSize == 0) == (fixedGroups == 0)) {
      throw new IllegalArgumentException("give exactly one of group size and number of groups, both >= 1");
    }
    if (!(epsilon > 0)) {
      throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }
    this.groupSize = groupSize;
    this.fixedGroups = fixedGroups;
    this.epsilon = epsilon;
    gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).build());
    beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).build());
  }

  /** GroupNorm with {@code channelsPerGroup} channels in every group (the thesis' G_size), eps 1e-5. */
  public static GroupNorm withGroupSize(int channelsPerGroup) {
    return withGroupSize(channelsPerGroup, 1e-5f);
  }

  /** GroupNorm with {@code channelsPerGroup} channels in every group and the given epsilon. */
  public static GroupNorm withGroupSize(int channelsPerGroup, float epsilon) {
    if (channelsPerGroup < 1) {
      throw new IllegalArgumentException("group size must be >= 1, got " + channelsPerGroup);
    }
    return new GroupNorm(channelsPerGroup, 0, epsilon);
  }

  /** GroupNorm with a fixed number of groups (Wu and He's G, Caffe's {@code group_num}), eps 1e-5. */
  public static GroupNorm withGroups(int numGroups) {
    return withGroups(numGroups, 1e-5f);
  }

  /** GroupNorm with a fixed number of groups and the given epsilon. */
  public static GroupNorm withGroups(int numGroups, float epsilon) {
    if (numGroups < 1) {
      throw new IllegalArgumentException("number of groups must be >= 1, got " + numGroups);
    }
    return new GroupNorm(0, numGroups, epsilon);
  }

  /** Number of groups once initialised (-1 before). */
  public int numGroups() {
    return groups;
  }

  public float epsilon() {
    return epsilon;
  }

  @Override
  protected void beforeInitialize(Shape... inputShapes) {
    super.beforeInitialize(inputShapes);
    Shape in = inputShapes[0];
    if (in.dimension() < 2) {
      throw new IllegalArgumentException("GroupNorm needs an [N, C, ...] input, got " + in);
    }
    channels = in.get(1);
    groups = fixedGroups > 0 ? fixedGroups : (int) (channels / groupSize);
    if (groups < 1 || channels % groups != 0 || (groupSize > 0 && channels % groupSize != 0)) {
      throw new IllegalArgumentException("GroupNorm: " + channels + " channels cannot be split into "
          + (groupSize > 0 ? "groups of " + groupSize : fixedGroups + " equal groups"));
    }
  }

  @Override
  public void prepare(Shape[] inputShapes) {
    gamma.setShape(new Shape(channels));
    beta.setShape(new Shape(channels));
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    return new Shape[] {inputShapes[0]};
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDArray x = inputs.singletonOrThrow();
    NDArray g = parameterStore.getValue(gamma, x.getDevice(), training);
    NDArray b = parameterStore.getValue(beta, x.getDevice(), training);
    return new NDList(groupNorm(x, groups, g, b, epsilon));
  }

  /**
   * GroupNorm of {@code x} ({@code [N, C, *]}) with {@code numGroups} groups and per-channel
   * {@code gamma}, {@code beta} ({@code [C]}). Every intermediate array is attached to {@code x}'s
   * manager, so a per-step sub-manager frees them all.
   */
  public static NDArray groupNorm(NDArray x, int numGroups, NDArray gamma, NDArray beta, float eps) {
    Shape shape = x.getShape();
    long n = shape.get(0);
    long c = shape.get(1);
    if (c % numGroups != 0) {
      throw new IllegalArgumentException(c + " channels cannot be split into " + numGroups + " groups");
    }
    long perGroup = shape.size() / (n * numGroups);
    NDManager m = x.getManager();
    NDArray grouped = x.reshape(n, numGroups, perGroup);
    // Layer norm over the last axis = per-sample, per-group statistics; unit affine here, the
    // per-channel affine follows.
    NDArray ones = m.ones(new Shape(perGroup), x.getDataType());
    NDArray zeros = m.zeros(new Shape(perGroup), x.getDataType());
    NDArray normalised = LayerNorm.layerNorm(grouped, new Shape(perGroup), ones, zeros, eps).singletonOrThrow()
        .reshape(shape);
    long[] affineShape = new long[shape.dimension()];
    Arrays.fill(affineShape, 1);
    affineShape[1] = c;
    NDArray gammaView = gamma.reshape(new Shape(affineShape));
    NDArray betaView = beta.reshape(new Shape(affineShape));
    // The views would otherwise belong to the parameters' long-lived manager and leak every step.
    gammaView.attach(m);
    betaView.attach(m);
    return normalised.mul(gammaView).add(betaView);
  }

  @Override
  public String toString() {
    return "GroupNorm(" + (groupSize > 0 ? "groupSize=" + groupSize : "groups=" + fixedGroups) + ", eps=" + epsilon
        + ")";
  }
}
