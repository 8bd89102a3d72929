package io.tributary.common.focus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncrementalClusteringTest {
  static final IncrementalClustering.MemberCodec<Integer> INT = new IncrementalClustering.MemberCodec<>() {
    @Override
    public void write(Integer m, DataOutput out) throws IOException {
      out.writeInt(m);
    }

    @Override
    public Integer read(DataInput in) throws IOException {
      return in.readInt();
    }
  };

  static float[] onehot(int c, int n) {
    float[] p = new float[n];
    p[c] = 1;
    return p;
  }

  static float[] randomVector(Random r, int dim, double scale) {
    float[] f = new float[dim];
    for (int i = 0; i < dim; i++) {
      f[i] = (float) (r.nextGaussian() * scale);
    }
    return f;
  }

  @Test
  void neverMoreThanCActiveAndSealsTheSmallest() {
    int c = 5;
    IncrementalClustering<Integer> ic = new IncrementalClustering<>(new IncrementalClustering.Config(0.5, c, 1), 4, 3);
    Random r = new Random(1);
    List<ObjectCluster<Integer>> sealed = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      // Far-apart random points: most open a new cluster, forcing a seal each time.
      var a = ic.add(randomVector(r, 4, 10), onehot(i % 3, 3), i, i);
      assertTrue(ic.active().size() <= c, "active after object " + i + ": " + ic.active().size());
      if (!a.sealed().isEmpty()) {
        ObjectCluster<Integer> victim = a.sealed().get(0);
        for (ObjectCluster<Integer> other : ic.active()) {
          if (other.id() != a.clusterId()) {
            assertTrue(victim.count() <= other.count(), "sealed a larger cluster than one kept");
          }
        }
        assertFalse(ic.active().stream().anyMatch(x -> x.id() == victim.id()));
        sealed.addAll(a.sealed());
      }
    }
    sealed.addAll(ic.sealAll());
    assertEquals(2000, sealed.stream().mapToInt(ObjectCluster::count).sum(), "every object in exactly one cluster");
    assertEquals(sealed.size(), sealed.stream().map(ObjectCluster::id).distinct().count(), "ids unique");
  }

  @Test
  void popularClustersKeepGrowingWhileOutliersAreSealed() {
    IncrementalClustering<Integer> ic = new IncrementalClustering<>(new IncrementalClustering.Config(1.0, 2, 1), 2, 2);
    Random r = new Random(2);
    float[] hub = {0, 0};
    long hubId = ic.add(hub, onehot(0, 2), 0, 0).clusterId();
    for (int i = 1; i < 200; i++) {
      float[] near = {(float) (r.nextGaussian() * 0.1), (float) (r.nextGaussian() * 0.1)};
      assertEquals(hubId, ic.add(near, onehot(0, 2), i, i).clusterId());
      if (i % 10 == 0) {
        ic.add(new float[] {100f + i, 100f}, onehot(1, 2), i, -i); // an outlier, alone
      }
    }
    assertTrue(ic.active().stream().anyMatch(x -> x.id() == hubId && x.count() == 200));
  }

  @Test
  void costIsLinearInObjects() {
    for (int c : new int[] {1, 10, 100}) {
      long[] comps = new long[2];
      int[] ns = {5_000, 20_000};
      for (int k = 0; k < 2; k++) {
        IncrementalClustering<Integer> ic = new IncrementalClustering<>(new IncrementalClustering.Config(0.3, c, 2), 8, 4);
        Random r = new Random(3);
        for (int i = 0; i < ns[k]; i++) {
          ic.add(randomVector(r, 8, 1), onehot(i % 4, 4), i, i);
        }
        comps[k] = ic.distanceComputations();
        assertTrue(comps[k] <= (long) c * ns[k], "at most C distance computations per object");
      }
      double ratio = comps[1] / (double) comps[0];
      assertTrue(ratio > 3.5 && ratio < 4.5, "4x objects, ~4x work (C=" + c + "): " + ratio);
    }
  }

  @Test
  void separatedGroupsFormPureClustersWithMeanCentroids() {
    IncrementalClustering<Integer> ic = new IncrementalClustering<>(new IncrementalClustering.Config(2.0, 100, 2), 3, 3);
    Random r = new Random(4);
    float[][] centres = {{0, 0, 0}, {10, 0, 0}, {0, 10, 0}};
    Map<Long, Set<Integer>> groupsPerCluster = new HashMap<>();
    for (int i = 0; i < 600; i++) {
      int g = r.nextInt(3);
      float[] f = centres[g].clone();
      for (int d = 0; d < 3; d++) {
        f[d] += (float) (r.nextGaussian() * 0.2);
      }
      float[] p = new float[] {0.1f, 0.1f, 0.1f};
      p[g] = 0.7f;
      p[(g + 1) % 3] = 0.2f;
      long id = ic.add(f, p, i, i).clusterId();
      groupsPerCluster.computeIfAbsent(id, k -> new HashSet<>()).add(g);
    }
    assertEquals(3, groupsPerCluster.size());
    groupsPerCluster.values().forEach(s -> assertEquals(1, s.size()));
    for (ObjectCluster<Integer> cl : ic.active()) {
      int g = groupsPerCluster.get(cl.id()).iterator().next();
      for (int d = 0; d < 3; d++) {
        assertEquals(centres[g][d], cl.centroid()[d], 0.1);
      }
      // Top-2 votes: the group's class and the next one, for every member.
      var classes = cl.indexedClasses();
      assertEquals(2, classes.size());
      assertEquals(g, classes.get(0).classIndex());
      assertEquals(0.7, classes.get(0).meanProbability(), 1e-6);
      assertEquals(cl.count(), classes.get(0).votes());
      // The representative is a real member near the centroid.
      float[] rep = cl.representativeFeature();
      assertTrue(IncrementalClustering.squaredDistance(rep, cl.centroid()) < 0.2);
    }
  }

  @Test
  void zeroThresholdMakesEveryDistinctObjectItsOwnCluster() {
    IncrementalClustering<Integer> ic = new IncrementalClustering<>(new IncrementalClustering.Config(0, 1000, 1), 2, 1);
    for (int i = 0; i < 50; i++) {
      assertTrue(ic.add(new float[] {i, 0}, new float[] {1}, i, i).opened());
    }
    // An exact duplicate (distance 0) still joins.
    assertFalse(ic.add(new float[] {3, 0}, new float[] {1}, 99, 99).opened());
  }

  @Test
  void stateRoundTripContinuesIdentically() throws IOException {
    var cfg = new IncrementalClustering.Config(1.5, 7, 2);
    Random r = new Random(5);
    List<float[]> feats = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      feats.add(randomVector(r, 6, 2));
    }
    IncrementalClustering<Integer> a = new IncrementalClustering<>(cfg, 6, 3);
    for (int i = 0; i < 200; i++) {
      a.add(feats.get(i), onehot(i % 3, 3), i, i);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    a.write(new DataOutputStream(bytes), INT);
    IncrementalClustering<Integer> b = IncrementalClustering.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())), cfg, INT);
    for (int i = 200; i < 400; i++) {
      var x = a.add(feats.get(i), onehot(i % 3, 3), i, i);
      var y = b.add(feats.get(i), onehot(i % 3, 3), i, i);
      assertEquals(x.clusterId(), y.clusterId());
      assertEquals(x.sealed().stream().map(ObjectCluster::id).toList(), y.sealed().stream().map(ObjectCluster::id).toList());
    }
    var sa = a.sealAll();
    var sb = b.sealAll();
    assertEquals(sa.size(), sb.size());
    for (int i = 0; i < sa.size(); i++) {
      assertArrayEquals(sa.get(i).centroid(), sb.get(i).centroid());
      assertEquals(sa.get(i).representative(), sb.get(i).representative());
    }
  }

  @Test
  void rejectsBadConfigAndShapes() {
    assertThrows(IllegalArgumentException.class, () -> new IncrementalClustering.Config(-1, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new IncrementalClustering.Config(1, 0, 1));
    IncrementalClustering<Integer> ic = new IncrementalClustering<>(new IncrementalClustering.Config(1, 10, 1), 4, 2);
    var e = assertThrows(IllegalArgumentException.class, () -> ic.add(new float[3], new float[2], 0, 0));
    assertTrue(e.getMessage().contains("3 features"));
  }
}
