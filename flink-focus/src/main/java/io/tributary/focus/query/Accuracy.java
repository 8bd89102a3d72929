package io.tributary.focus.query;

import io.tributary.connectors.video.Box;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Precision and recall of an answer against a reference answer (INGEST-HEAVY's), at frame level
 * (same camera and frame id) and object level (a returned box matches a reference box in the same
 * frame at IoU >= 0.5, each reference box matched at most once).
 */
public record Accuracy(double framePrecision, double frameRecall, double objectPrecision, double objectRecall,
    int returnedFrames, int referenceFrames) {

  public static Accuracy of(List<FrameHit> answer, List<FrameHit> reference) {
    Set<String> a = answer.stream().map(FrameHit::key).collect(Collectors.toSet());
    Set<String> r = reference.stream().map(FrameHit::key).collect(Collectors.toSet());
    Set<String> both = new HashSet<>(a);
    both.retainAll(r);
    double fp = a.isEmpty() ? 1 : both.size() / (double) a.size();
    double fr = r.isEmpty() ? 1 : both.size() / (double) r.size();
    Map<String, List<Box>> refBoxes = reference.stream().collect(Collectors.toMap(FrameHit::key, FrameHit::boxes));
    int returned = 0;
    int matched = 0;
    int refTotal = reference.stream().mapToInt(f -> f.boxes().size()).sum();
    for (FrameHit f : answer) {
      returned += f.boxes().size();
      List<Box> rb = refBoxes.getOrDefault(f.key(), List.of());
      boolean[] used = new boolean[rb.size()];
      for (Box b : f.boxes()) {
        for (int i = 0; i < rb.size(); i++) {
          if (!used[i] && b.iou(rb.get(i)) >= 0.5) {
            used[i] = true;
            matched++;
            break;
          }
        }
      }
    }
    double op = returned == 0 ? 1 : matched / (double) returned;
    double or = refTotal == 0 ? 1 : matched / (double) refTotal;
    return new Accuracy(fp, fr, op, or, a.size(), r.size());
  }
}
