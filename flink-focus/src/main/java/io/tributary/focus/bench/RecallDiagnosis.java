package io.tributary.focus.bench;

import io.tributary.connectors.index.ClassRow;
import io.tributary.connectors.index.ClusterRow;
import io.tributary.connectors.index.IndexLayout;
import io.tributary.connectors.index.IndexReader;
import io.tributary.connectors.index.ObjectRow;
import io.tributary.connectors.video.Box;
import io.tributary.focus.query.FrameHit;
import io.tributary.focus.query.QueryResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a Focus answer loses recall against the reference (thesis §4.3: the top-K index and the
 * cluster centroids are the two approximations). Every reference object in a frame Focus missed is
 * attributed to one cause: no indexed object in that frame overlaps it (extraction / box matching),
 * its object's cluster is not indexed under the class (cheap-CNN top-K miss), or the cluster is
 * indexed but the GT-CNN labelled its centroid otherwise (centroid unlike this member), its cluster's
 * rows lie in another hour's partition than the object (a query of the object's hour cannot see
 * it), or the cluster was verified and the frame still not returned.
 */
public final class RecallDiagnosis {
  /** Counts over the reference objects in missed frames, and over the index's candidate clusters. */
  public record Breakdown(String className, Missed missed, Clusters clusters) {
    /**
     * The reference objects in frames Focus missed, by cause.
     *
     * @param frames missed frames
     * @param objects reference objects in them
     */
    public record Missed(int frames, int objects, int noIndexedObject, int otherHourCluster, int topKMiss,
        int centroidRejected, int verifiedNotReturned) {}

    /**
     * The index's clusters under the class.
     *
     * @param candidates clusters indexed under it (whole index)
     * @param verified of which verified in the query's range
     * @param meanSize mean objects per candidate cluster
     */
    public record Clusters(int candidates, int verified, double meanSize) {}

    public String describe() {
      return String.format(Locale.ROOT, "recall loss %-10s missed frames %d (objects %d: no indexed object %d,"
          + " cluster in another hour's partition %d, top-K miss %d, centroid rejected %d, verified but not"
          + " returned %d) | clusters indexed under it (whole index) %d (mean %.1f objects), verified in range %d",
          className, missed.frames(), missed.objects(), missed.noIndexedObject(), missed.otherHourCluster(),
          missed.topKMiss(), missed.centroidRejected(), missed.verifiedNotReturned(), clusters.candidates(),
          clusters.meanSize(), clusters.verified());
    }
  }

  private final Map<String, List<ObjectRow>> objectsByFrame = new HashMap<>();
  private final Map<String, Set<String>> classesByCluster = new HashMap<>();
  private final Map<String, Integer> sizeByCluster = new HashMap<>();
  private final Map<String, String> hourByCluster = new HashMap<>();

  /** Reads the Focus index's objects and inverted index once. */
  public RecallDiagnosis(IndexReader focusIndex) throws IOException {
    for (ObjectRow o : focusIndex.read(IndexLayout.OBJECTS, p -> true, null, ObjectRow::fromAvro)) {
      objectsByFrame.computeIfAbsent(o.camera + "#" + o.frameSeq, k -> new ArrayList<>()).add(o);
      sizeByCluster.merge(o.camera + "/" + o.clusterId, 1, Integer::sum);
    }
    for (ClusterRow c : focusIndex.read(IndexLayout.CLUSTERS, p -> true, null, ClusterRow::fromAvro)) {
      hourByCluster.put(c.camera + "/" + c.clusterId, c.hour);
    }
    for (ClassRow c : focusIndex.read(IndexLayout.CLASSES, p -> true, null, ClassRow::fromAvro)) {
      classesByCluster.computeIfAbsent(c.camera + "/" + c.clusterId, k -> new HashSet<>()).add(c.className);
    }
  }

  /**
   * @param lookup the class the query looked up in the inverted index (X, or OTHER)
   * @param answer Focus's answer
   * @param verified the clusters Focus verified (or accepted by Skip_th) for this query
   * @param reference the reference answer
   */
  public Breakdown of(String className, String lookup, QueryResult answer, List<ClusterRow> verified,
      QueryResult reference) {
    Set<String> returned = new HashSet<>();
    answer.frames().forEach(f -> returned.add(f.camera() + "#" + f.frameSeq()));
    Set<String> ok = new HashSet<>();
    verified.forEach(c -> ok.add(c.camera + "/" + c.clusterId));
    int missedFrames = 0;
    int missedObjects = 0;
    int none = 0;
    int topK = 0;
    int rejected = 0;
    int otherHour = 0;
    int notReturned = 0;
    for (FrameHit f : reference.frames()) {
      String key = f.camera() + "#" + f.frameSeq();
      if (returned.contains(key)) {
        continue;
      }
      missedFrames++;
      for (Box b : f.boxes()) {
        missedObjects++;
        ObjectRow best = null;
        double bestIou = 0;
        for (ObjectRow o : objectsByFrame.getOrDefault(key, List.of())) {
          Box ob = new Box(o.x, o.y, o.w, o.h);
          double iou = ob.iou(b);
          // A detector's box may sit inside a looser motion box: count "covers most of it" too.
          double cover = b.area() == 0 ? 0 : ob.intersection(b) / (double) b.area();
          double score = Math.max(iou, cover >= 0.5 ? 0.5 : 0);
          if (score > bestIou) {
            best = o;
            bestIou = score;
          }
        }
        if (best == null || bestIou < 0.5) {
          none++;
          continue;
        }
        String ck = best.camera + "/" + best.clusterId;
        if (!best.hour.equals(hourByCluster.get(ck))) {
          otherHour++; // the query reads the object's hour; the cluster's rows are in another one
        } else if (ok.contains(ck)) {
          notReturned++;
        } else if (classesByCluster.getOrDefault(ck, Set.of()).contains(lookup)) {
          rejected++;
        } else {
          topK++;
        }
      }
    }
    int candidates = 0;
    long members = 0;
    for (Map.Entry<String, Set<String>> e : classesByCluster.entrySet()) {
      if (e.getValue().contains(lookup)) {
        candidates++;
        members += sizeByCluster.getOrDefault(e.getKey(), 0);
      }
    }
    return new Breakdown(className, new Breakdown.Missed(missedFrames, missedObjects, none, otherHour, topK, rejected,
        notReturned), new Breakdown.Clusters(candidates, verified.size(), candidates == 0 ? 0 : members / (double) candidates));
  }
}
