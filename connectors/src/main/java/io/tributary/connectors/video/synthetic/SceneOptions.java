package io.tributary.connectors.video.synthetic;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import java.util.List;

/**
 * The options of a generated street scene ({@code tributary focus generate}): length, seed, frame
 * size and rate, traffic, occlusion and lighting. Defaults are {@link SceneConfig#defaults()}'s.
 */
public final class SceneOptions {
  private SceneOptions() {}

  public static final Setting<Double> SECONDS = Setting.key("seconds").doubleType().defaultValue(120.0)
      .withDescription("Length of the video.")
      .requiring(v -> v > 0, "a positive length in seconds");

  public static final Setting<Long> SEED = Setting.key("seed").longType().defaultValue(42L)
      .withDescription("Random seed.");

  public static final Setting<Integer> WIDTH = Setting.key("width").intType().defaultValue(320)
      .withDescription("Frame width (even, at least 64).");

  public static final Setting<Integer> HEIGHT = Setting.key("height").intType().defaultValue(240)
      .withDescription("Frame height (even, at least 48).");

  public static final Setting<Double> FPS = Setting.key("fps").doubleType().defaultValue(10.0)
      .withDescription("Frames per second.");

  public static final Setting<Double> OBJECTS_PER_SECOND = Setting.key("objects-per-second").doubleType()
      .defaultValue(0.4).withDescription("Mean new objects per second.");

  public static final Setting<Double> OCCLUSION = Setting.key("occlusion").doubleType().defaultValue(0.5)
      .withDescription("0 keeps lanes apart, 1 packs them so vehicles hide each other.");

  public static final Setting<Double> LIGHTING_DRIFT = Setting.key("lighting-drift").doubleType().defaultValue(0.12)
      .withDescription("Amplitude of a slow brightness change, 0-1.");

  /** Every scene option, in {@code --help} order. */
  public static final List<Setting<?>> ALL = List.of(SECONDS, SEED, WIDTH, HEIGHT, FPS, OBJECTS_PER_SECOND, OCCLUSION,
      LIGHTING_DRIFT);

  /** {@code base} with the values of {@code s} (the lighting drift keeps its 90 s period). */
  public static SceneConfig apply(SceneConfig base, Settings s) {
    return base.withDuration(s.get(SECONDS)).withSeed(s.get(SEED)).withSize(s.get(WIDTH), s.get(HEIGHT))
        .withFps(s.get(FPS)).withSpawnPerSecond(s.get(OBJECTS_PER_SECOND)).withOcclusion(s.get(OCCLUSION))
        .withLighting(s.get(LIGHTING_DRIFT), 90);
  }
}
