package io.tributary.gaia.options;

import io.tributary.common.config.Setting;
import java.util.List;

/**
 * The matrix-factorisation application's options (thesis §5.4.1): the generated rating matrix or a
 * ratings file, and the model. {@link #DATA_SEED} and {@link #LR} are declared here and shared with
 * topic modelling and image classification, which read the same flags.
 */
public final class MfOptions {
  private MfOptions() {}

  /** Generated data: users. */
  public static final Setting<Integer> USERS = Setting.key("users").intType().defaultValue(20000)
      .withDescription("MF generated data: users.");

  /** Generated data: items. */
  public static final Setting<Integer> ITEMS = Setting.key("items").intType().defaultValue(4000)
      .withDescription("MF generated data: items.");

  /** Generated data: rank of the true factors. */
  public static final Setting<Integer> TRUE_RANK = Setting.key("true-rank").intType().defaultValue(8)
      .withDescription("MF generated data: rank of the true factors.");

  /** Generated data: ratings per user. */
  public static final Setting<Integer> RATINGS_PER_USER = Setting.key("ratings-per-user").intType().defaultValue(50)
      .withDescription("MF generated data: ratings per user.");

  /** Generated data: rating noise. */
  public static final Setting<Double> NOISE = Setting.key("noise").doubleType().defaultValue(0.1)
      .withDescription("MF generated data: rating noise (std dev).");

  /** Generated data: item popularity skew. */
  public static final Setting<Double> ITEM_SKEW = Setting.key("item-skew").doubleType().defaultValue(1.5)
      .withDescription("MF generated data: item popularity skew (1 = uniform).");

  /** Seed of generated data, MF's and TM's. */
  public static final Setting<Long> DATA_SEED = Setting.key("data-seed").longType().defaultValue(42L)
      .withDescription("Generated data (MF, TM): seed.");

  /** A ratings file instead of generated data. */
  public static final Setting<String> RATINGS = Setting.key("ratings").stringType().noDefaultValue()
      .withDescription("MF: rating triples (user item rating; comma, tab, whitespace or MovieLens '::') instead of"
          + " generated data");

  /** Model rank. */
  public static final Setting<Integer> RANK = Setting.key("rank").intType().defaultValue(16)
      .withDescription("MF model rank.").requiring(v -> v >= 1, "at least 1");

  /** Step size at clock 1, MF's and IC's; unset: the application's default. */
  public static final Setting<Double> LR = Setting.key("lr").doubleType().noDefaultValue()
      .withDescription("Step size at clock 1: MF SGD (decays as lr/sqrt(t); default 0.01), IC momentum SGD (default"
          + " 0.05)");

  /** L2 regularisation. */
  public static final Setting<Double> LAMBDA = Setting.key("lambda").doubleType().defaultValue(0.02)
      .withDescription("MF L2 regularisation.");

  /** MF's options in {@code --help} order (with the shared seed and step size). */
  public static final List<Setting<?>> ALL = List.of(USERS, ITEMS, TRUE_RANK, RATINGS_PER_USER, NOISE, ITEM_SKEW,
      DATA_SEED, RATINGS, RANK, LR, LAMBDA);

  /** The step size when {@link #LR} is unset. */
  public static final double DEFAULT_LR = 0.01;
}
