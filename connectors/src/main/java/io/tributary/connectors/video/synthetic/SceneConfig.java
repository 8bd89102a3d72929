package io.tributary.connectors.video.synthetic;

import java.io.Serializable;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * What the video generator renders: frame size and rate, length, seed, how often objects of which
 * classes appear, their sizes and speeds, how much they occlude each other, lighting drift and
 * sensor noise. Immutable; change fields with the {@code with...} methods.
 *
 * @param video frame size and rate, length and seed
 * @param traffic the objects' classes, rate, speeds, sizes and occlusion
 * @param conditions lighting drift and sensor noise
 */
public record SceneConfig(Video video, Traffic traffic, Conditions conditions) implements Serializable {

  /** Frame size and rate, length and seed. */
  public record Video(int width, int height, double fps, double durationSeconds, long seed) implements Serializable {
    public Video {
      if (width < 64 || height < 48 || width % 2 != 0 || height % 2 != 0) {
        throw new IllegalArgumentException("frame size " + width + "x" + height
            + " must be even and at least 64x48");
      }
      if (fps <= 0 || durationSeconds <= 0) {
        throw new IllegalArgumentException("fps, duration must be > 0 and spawn rate >= 0");
      }
    }
  }

  /**
   * Which objects cross the scene, how often, how fast and how large.
   *
   * @param spawnPerSecond mean number of new objects per second of video (Poisson)
   * @param speedMin slowest object speed in pixels per second at 320 px frame width
   * @param sizeMin smallest object scale factor (1 = the class's base size at 320x240)
   * @param occlusion 0 keeps lanes apart; 1 packs them so tall vehicles hide what is behind
   */
  public record Traffic(double spawnPerSecond, Map<SyntheticClass, Double> classWeights, double speedMin,
      double speedMax, double sizeMin, double sizeMax, double occlusion) implements Serializable {
    public Traffic {
      if (spawnPerSecond < 0) {
        throw new IllegalArgumentException("fps, duration must be > 0 and spawn rate >= 0");
      }
      if (speedMin <= 0 || speedMax < speedMin || sizeMin <= 0 || sizeMax < sizeMin) {
        throw new IllegalArgumentException("need 0 < speedMin <= speedMax and 0 < sizeMin <= sizeMax");
      }
      if (occlusion < 0 || occlusion > 1) {
        throw new IllegalArgumentException("occlusion in [0,1], lighting drift in [0,1), noise >= 0");
      }
      EnumMap<SyntheticClass, Double> w = new EnumMap<>(SyntheticClass.class);
      w.putAll(classWeights);
      if (w.values().stream().anyMatch(v -> v < 0) || w.values().stream().mapToDouble(v -> v).sum() <= 0) {
        throw new IllegalArgumentException("class weights must be >= 0 with a positive sum: " + classWeights);
      }
      classWeights = Collections.unmodifiableMap(w);
    }
  }

  /**
   * Lighting and sensor noise.
   *
   * @param lightingDrift amplitude of a slow global brightness change, as a fraction (0.15 = ±15%)
   * @param lightingPeriodSeconds period of the lighting drift
   * @param noiseSigma standard deviation of per-pixel sensor noise, in 8-bit levels
   */
  public record Conditions(double lightingDrift, double lightingPeriodSeconds, double noiseSigma)
      implements Serializable {
    public Conditions {
      if (lightingDrift < 0 || lightingDrift >= 1 || noiseSigma < 0) {
        throw new IllegalArgumentException("occlusion in [0,1], lighting drift in [0,1), noise >= 0");
      }
    }
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
    return new SceneConfig(new Video(320, 240, 10, 120, 42), new Traffic(0.40, w, 18, 45, 0.85, 1.2, 0.5),
        new Conditions(0.12, 90, 2.5));
  }

  public SceneConfig withSize(int w, int h) {
    return new SceneConfig(new Video(w, h, video.fps(), video.durationSeconds(), video.seed()), traffic, conditions);
  }

  public SceneConfig withFps(double f) {
    return new SceneConfig(new Video(width(), height(), f, durationSeconds(), seed()), traffic,
        conditions);
  }

  public SceneConfig withDuration(double seconds) {
    return new SceneConfig(new Video(width(), height(), fps(), seconds, seed()), traffic,
        conditions);
  }

  public SceneConfig withSeed(long s) {
    return new SceneConfig(new Video(width(), height(), fps(), durationSeconds(), s), traffic,
        conditions);
  }

  public SceneConfig withSpawnPerSecond(double r) {
    return new SceneConfig(video,
        new Traffic(r, classWeights(), speedMin(), speedMax(), sizeMin(), sizeMax(), occlusion()),
        conditions);
  }

  public SceneConfig withClassWeights(Map<SyntheticClass, Double> w) {
    return new SceneConfig(video,
        new Traffic(spawnPerSecond(), w, speedMin(), speedMax(), sizeMin(), sizeMax(), occlusion()),
        conditions);
  }

  public SceneConfig withSpeeds(double min, double max) {
    return new SceneConfig(video,
        new Traffic(spawnPerSecond(), classWeights(), min, max, sizeMin(), sizeMax(), occlusion()),
        conditions);
  }

  public SceneConfig withSizes(double min, double max) {
    return new SceneConfig(video,
        new Traffic(spawnPerSecond(), classWeights(), speedMin(), speedMax(), min, max, occlusion()),
        conditions);
  }

  public SceneConfig withOcclusion(double o) {
    return new SceneConfig(video,
        new Traffic(spawnPerSecond(), classWeights(), speedMin(), speedMax(), sizeMin(), sizeMax(), o),
        conditions);
  }

  public SceneConfig withLighting(double drift, double periodSeconds) {
    return new SceneConfig(video, traffic, new Conditions(drift, periodSeconds, conditions.noiseSigma()));
  }

  public SceneConfig withNoise(double sigma) {
    return new SceneConfig(video,
        traffic,
        new Conditions(lightingDrift(), lightingPeriodSeconds(), sigma));
  }

  public int width() {
    return video.width();
  }

  public int height() {
    return video.height();
  }

  public double fps() {
    return video.fps();
  }

  public double durationSeconds() {
    return video.durationSeconds();
  }

  public long seed() {
    return video.seed();
  }

  public double spawnPerSecond() {
    return traffic.spawnPerSecond();
  }

  public Map<SyntheticClass, Double> classWeights() {
    return traffic.classWeights();
  }

  public double speedMin() {
    return traffic.speedMin();
  }

  public double speedMax() {
    return traffic.speedMax();
  }

  public double sizeMin() {
    return traffic.sizeMin();
  }

  public double sizeMax() {
    return traffic.sizeMax();
  }

  public double occlusion() {
    return traffic.occlusion();
  }

  public double lightingDrift() {
    return conditions.lightingDrift();
  }

  public double lightingPeriodSeconds() {
    return conditions.lightingPeriodSeconds();
  }

  public double noiseSigma() {
    return conditions.noiseSigma();
  }

  /** Number of frames the video has. */
  public int frameCount() {
    return (int) Math.round(durationSeconds() * fps());
  }

  /** One line, every field: what a run records beside its results. */
  public String describe() {
    StringJoiner j = new StringJoiner(" ");
    j.add("size=" + width() + "x" + height()).add("fps=" + fps()).add("duration_s=" + durationSeconds())
        .add("seed=" + seed()).add("spawn_per_s=" + spawnPerSecond()).add("speed=" + speedMin() + ".." + speedMax())
        .add("scale=" + sizeMin() + ".." + sizeMax()).add("occlusion=" + occlusion())
        .add("lighting=" + lightingDrift() + "/" + lightingPeriodSeconds() + "s").add("noise=" + noiseSigma());
    StringJoiner cw = new StringJoiner(",", "classes=", "");
    classWeights().forEach((c, v) -> cw.add(c.label() + ":" + v));
    return j.add(cw.toString()).toString();
  }
}
