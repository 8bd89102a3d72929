package io.tributary.focus.bench;

import io.tributary.common.model.Architecture;
import io.tributary.connectors.video.BgrImage;
import io.tributary.focus.baseline.FrameStore;
import io.tributary.focus.model.BuiltinModels;
import io.tributary.focus.model.CropTrainer;
import io.tributary.focus.model.CropView;
import io.tributary.focus.model.GroundTruthModel;
import io.tributary.focus.model.LabeledCrop;
import io.tributary.focus.query.QueryRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trains a cheap ingest CNN specialised to a set of videos (thesis §4.3.2), the minimal way the
 * benchmark needs for users' videos: the GT-CNN labels the crops of a training range, the most
 * frequent classes that together make up {@code coverage} of the labels (at most {@code maxClasses})
 * keep their names, the rest become OTHER, crops the GT-CNN finds nothing in are "background"; the
 * built-in cheap network is trained on that. (Choosing among several cheap CNNs, K, T and Skip_th is
 * the stream tuner's job.)
 */
public final class Specialiser {
  private Specialiser() {}

  public static BuiltinModels.Stored train(String name, FrameStore store, QueryRequest trainingRange,
      GroundTruthModel gt, double coverage, int maxClasses, String dataDescription, PrintStream log) throws IOException {
    // Which classes: from the GT labels of the training crops (computed only when not cached, below).
    List<BgrImage> crops = new ArrayList<>();
    List<CropView> views = new ArrayList<>();
    for (List<FrameStore.StoredFrame> frames : store.cameras().values()) {
      for (FrameStore.StoredFrame f : frames) {
        if (trainingRange.inRange(f.frame().timestampMs)) {
          f.objects().forEach(o -> {
            crops.add(o.crop());
            views.add(new CropView(o.context(), o.boxInContext()));
          });
        }
      }
    }
    if (crops.isEmpty()) {
      throw new IllegalArgumentException("no moving objects in the training range of " + dataDescription
          + ": nothing to specialise the ingest CNN on");
    }
    List<Set<String>> labels = new ArrayList<>();
    for (int i = 0; i < crops.size(); i += 32) {
      labels.addAll(gt.classifyViews(views.subList(i, Math.min(views.size(), i + 32))));
    }
    Map<String, Integer> freq = new LinkedHashMap<>();
    for (Set<String> s : labels) {
      String top = s.isEmpty() ? null : s.iterator().next();
      if (top != null) {
        freq.merge(top, 1, Integer::sum);
      }
    }
    List<Map.Entry<String, Integer>> sorted = new ArrayList<>(freq.entrySet());
    sorted.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
    int total = freq.values().stream().mapToInt(Integer::intValue).sum();
    List<String> classes = new ArrayList<>(List.of("background"));
    int covered = 0;
    for (Map.Entry<String, Integer> e : sorted) {
      if (covered >= coverage * total || classes.size() - 1 >= maxClasses) {
        break;
      }
      classes.add(e.getKey());
      covered += e.getValue();
    }
    boolean other = classes.size() - 1 < sorted.size();
    if (other) {
      classes.add("OTHER");
    }
    if (log != null) {
      log.printf("specialising %s: %d training crops, GT classes %s -> ingest classes %s%n", name, crops.size(), freq, classes);
    }
    List<LabeledCrop> data = new ArrayList<>();
    for (int i = 0; i < crops.size(); i++) {
      Set<String> s = labels.get(i);
      String top = s.isEmpty() ? "background" : s.iterator().next();
      int idx = classes.indexOf(top);
      data.add(new LabeledCrop(crops.get(i), idx >= 0 ? idx : classes.indexOf("OTHER")));
    }
    return BuiltinModels.trainOrLoad(name, Architecture.CHEAP, classes, dataDescription + " gt=" + gt.name()
        + " crops=" + crops.size(), new CropTrainer.Settings(12, 32, 0.004f, 23), () -> data, () -> data, log);
  }
}
