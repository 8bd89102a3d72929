package io.tributary.connectors.video.synthetic;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the video generator renders: frame size and rate, length, seed, how often objects of which
 * classes appear, their sizes and speeds, how much they occlude each other, lighting drift and
 * sensor noise. Immutable; change fields with the {@code with...} methods.
 *
 * @param spawnPerSecond mean number of new objects per second of video (Poisson)
 * @param speedMin slowest object speed in pixels per second at 320 px frame width
 * @param sizeMin smallest object scale factor (1 = the class's base size at 320x240)
 * @param occlusion 0 keeps lanes apart; 1 packs them so tall vehicles hide what is behind
 * @param lightingDrift amplitude of a slow global brightness change, as a fraction (0.15 = ±15%)
 * @param lightingPeriodSeconds period of the lighting drift
 * @param noiseSigma standard deviation of per-pixel sensor noise, in 8-bit levels
 */
public record SceneConfig(int width, int height, double fps, double durationSeconds, long seed,
    double spawnPerSecond, Map<SyntheticClass, Double> classWeights, double speedMin, double speedMax,
    double sizeMin, double sizeMax, double occlusion, double lightingDrift, double lightingPeriodSeconds,
    double noiseSigma) implements Serializable {

  public SceneConfig {
    if (width < 64 || height < 48 || width % 2 != 0 || height % 2 != 0) {
      throw new IllegalArgumentException("frame size " + width + "x" + height
          + " must be even and at least 64x48");
    }
    if (fps <= 0 || durationSeconds <= 0 || spawnPerSecond < 0) {
      throw new IllegalArgumentException("fps, duration must be > 0 and spawn rate >= 0");
    }
    if (speedMin <= 0 || speedMax < speedMin || sizeMin <= 0 || sizeMax < sizeMin) {
      throw new IllegalArgumentException("need 0 < speedMin <= speedMax and 0 < sizeMin <= sizeMax");
    }
    if (occlusion < 0 || occlusion > 1 || lightingDrift < 0 || lightingDrift >= 1 || noiseSigma < 0) {
      throw new IllegalArgumentException("occlusion in [0,1], lighting drift in [0,1), noise >= 0");
    }
    EnumMap<SyntheticClass, Double> w = new EnumMap<>(SyntheticClass.class);
    w.putAll(classWeights);
    if (w.values().stream().anyMatch(v -> v < 0) || w.values().stream().mapToDouble(v -> v).sum() <= 0) {
      throw new IllegalArgumentException("class weights must be >= 0 with a positive sum: " + classWeights);
    }
    classWeights = java.util.Collections.unmodifiableMap(w);
  }

  /** A busy street: 320x240 at 10 fps, two minutes, every class, mostly cars and people. */
  public static SceneConfig defaults() {
    EnumMap<SyntheticClass, Double> w = new EnumMap<>(SyntheticClass.class);
    w.put(SyntheticClass.CAR, 0.40);
    w.put(SyntheticClass.PERSON, 0.25);
    w.put(SyntheticClass.TRUCK, 0.10);
    w.put(SyntheticClass.BICYCLE, 0.10);
    w.put(SyntheticClass.BUS, 0.08);
    w.put(SyntheticClass.DOG, 0.07);
    return new SceneConfig(320, 240, 10, 120, 42, 0.40, w, 18, 45, 0.85, 1.2, 0.5, 0.12, 90, 2.5);
  }

  public SceneConfig withSize(int w, int h) {
    return new SceneConfig(w, h, fps, durationSeconds, seed, spawnPerSecond, classWeights, speedMin,
        speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withFps(double f) {
    return new SceneConfig(width, height, f, durationSeconds, seed, spawnPerSecond, classWeights,
        speedMin, speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withDuration(double seconds) {
    return new SceneConfig(width, height, fps, seconds, seed, spawnPerSecond, classWeights, speedMin,
        speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withSeed(long s) {
    return new SceneConfig(width, height, fps, durationSeconds, s, spawnPerSecond, classWeights,
        speedMin, speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withSpawnPerSecond(double r) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, r, classWeights, speedMin,
        speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withClassWeights(Map<SyntheticClass, Double> w) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, spawnPerSecond, w, speedMin,
        speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withSpeeds(double min, double max) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, spawnPerSecond, classWeights,
        min, max, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withSizes(double min, double max) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, spawnPerSecond, classWeights,
        speedMin, speedMax, min, max, occlusion, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withOcclusion(double o) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, spawnPerSecond, classWeights,
        speedMin, speedMax, sizeMin, sizeMax, o, lightingDrift, lightingPeriodSeconds, noiseSigma);
  }

  public SceneConfig withLighting(double drift, double periodSeconds) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, spawnPerSecond, classWeights,
        speedMin, speedMax, sizeMin, sizeMax, occlusion, drift, periodSeconds, noiseSigma);
  }

  public SceneConfig withNoise(double sigma) {
    return new SceneConfig(width, height, fps, durationSeconds, seed, spawnPerSecond, classWeights,
        speedMin, speedMax, sizeMin, sizeMax, occlusion, lightingDrift, lightingPeriodSeconds, sigma);
  }

  /** Number of frames the video has. */
  public int frameCount() {
    return (int) Math.round(durationSeconds * fps);
  }

  /** One line, every field: what a run records beside its results. */
  public String describe() {
    StringJoiner j = new StringJoiner(" ");
    j.add("size=" + width + "x" + height).add("fps=" + fps).add("duration_s=" + durationSeconds)
        .add("seed=" + seed).add("spawn_per_s=" + spawnPerSecond).add("speed=" + speedMin + ".." + speedMax)
        .add("scale=" + sizeMin + ".." + sizeMax).add("occlusion=" + occlusion)
        .add("lighting=" + lightingDrift + "/" + lightingPeriodSeconds + "s").add("noise=" + noiseSigma);
    StringJoiner cw = new StringJoiner(",", "classes=", "");
    classWeights.forEach((c, v) -> cw.add(c.label() + ":" + v));
    return j.add(cw.toString()).toString();
  }
}
