package io.tributary.focus.tune;

import io.tributary.connectors.video.BgrImage;
import io.tributary.connectors.video.Box;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.extract.ObjectExtractor;
import io.tributary.focus.model.CropView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * The sampled objects of a stream's history the stream tuner works on (thesis §4.4.2): the moving
 * objects background subtraction found in sampled frames, each with its crop (what the ingest CNN
 * sees) and its view (what the GT-CNN sees at query time: the crop, or a window around it), in time
 * order per camera, as the ingest job meets them.
 */
public final class TuningSample {
  /** One sampled object. */
  public record SampledObject(String camera, long frameSeq, long timestampMs, Box box, BgrImage crop, CropView view) {
    /** Identifies its frame: {@code camera#seq}. */
    public String frameKey() {
      return camera + "#" + frameSeq;
    }
  }

  private final List<SampledObject> objects;

  private TuningSample(List<SampledObject> objects) {
    List<SampledObject> sorted = new ArrayList<>(objects);
    // Stable: objects of one frame keep their extraction order.
    sorted.sort(Comparator.comparing(SampledObject::camera).thenComparingLong(SampledObject::timestampMs)
        .thenComparingLong(SampledObject::frameSeq));
    this.objects = List.copyOf(sorted);
  }

  /** A sample of these objects (put in camera, time order). */
  public static TuningSample of(List<SampledObject> objects) {
    return new TuningSample(objects);
  }

  /** The objects of the stored frames whose time passes {@code inRange}. */
  public static TuningSample fromFrameStore(FrameStore store, LongPredicate inRange) {
    List<SampledObject> out = new ArrayList<>();
    for (Map.Entry<String, List<FrameStore.StoredFrame>> cam : store.cameras().entrySet()) {
      for (FrameStore.StoredFrame f : cam.getValue()) {
        if (!inRange.test(f.frame().timestampMs)) {
          continue;
        }
        for (ObjectExtractor.Extracted e : f.objects()) {
          out.add(new SampledObject(cam.getKey(), f.frame().seq, f.frame().timestampMs, e.box(), e.crop(),
              new CropView(e.context(), e.boxInContext())));
        }
      }
    }
    return new TuningSample(out);
  }

  public List<SampledObject> objects() {
    return objects;
  }

  public int size() {
    return objects.size();
  }

  public boolean isEmpty() {
    return objects.isEmpty();
  }

  /** Number of distinct frames the objects come from (frames with motion). */
  public int frames() {
    Set<String> f = new HashSet<>();
    objects.forEach(o -> f.add(o.frameKey()));
    return f.size();
  }

  /** Cameras in the sample, in order. */
  public List<String> cameras() {
    return objects.stream().map(SampledObject::camera).distinct().toList();
  }

  /**
   * Splits each camera's objects in time: those before {@code fraction} of the camera's time span
   * (first to last object) and the rest. {@code 0.5} gives the training and the test half of §4.5.1.
   */
  public TuningSample[] splitByTime(double fraction) {
    Map<String, long[]> span = new LinkedHashMap<>();
    for (SampledObject o : objects) {
      span.computeIfAbsent(o.camera(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      long[] s = span.get(o.camera());
      s[0] = Math.min(s[0], o.timestampMs());
      s[1] = Math.max(s[1], o.timestampMs());
    }
    List<SampledObject> a = new ArrayList<>();
    List<SampledObject> b = new ArrayList<>();
    for (SampledObject o : objects) {
      long[] s = span.get(o.camera());
      double cut = s[0] + fraction * (s[1] - s[0]);
      (o.timestampMs() < cut ? a : b).add(o);
    }
    return new TuningSample[] {new TuningSample(a), new TuningSample(b)};
  }

  /** The objects whose time passes {@code inRange}. */
  public TuningSample filter(LongPredicate inRange) {
    return new TuningSample(objects.stream().filter(o -> inRange.test(o.timestampMs())).toList());
  }

  /** Time span of the sample in seconds (first to last object, summed over cameras). */
  public double spanSeconds() {
    Map<String, long[]> span = new LinkedHashMap<>();
    for (SampledObject o : objects) {
      long[] s = span.computeIfAbsent(o.camera(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
      s[0] = Math.min(s[0], o.timestampMs());
      s[1] = Math.max(s[1], o.timestampMs());
    }
    return span.values().stream().mapToDouble(s -> (s[1] - s[0]) / 1000.0).sum();
  }
}
