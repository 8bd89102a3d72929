package io.tributary.common.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.data.LabeledDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReplicaTest {
  static final ModelSpec LENET_MNIST = new ModelSpec(Architecture.LENET, new int[] {1, 28, 28}, 10);

  /** Random byte images with labels, a stand-in dataset for shape and plumbing tests. */
  static LabeledDataset randomImages(int n, int[] shape, int classes, long seed) {
    Random r = new Random(seed);
    int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    byte[] px = new byte[n * size];
    r.nextBytes(px);
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      labels[i] = r.nextInt(classes);
    }
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("c" + c);
    }
    return LabeledDataset.ofBytes("random", shape, names, px, labels).normalized(new float[] {0.5f},
        new float[] {0.25f});
  }

  static int[] range(int from, int to) {
    int[] p = new int[to - from];
    for (int i = 0; i < p.length; i++) {
      p[i] = from + i;
    }
    return p;
  }

  @Test
  void parameterCountsMatchTheStudysNetworks() {
    // Caffe's CIFAR-10 LeNet (conv 2432 + 25632 + 51264, dense 1024*10+10) = 89,578
    try (Replica r = Replica.create(new ModelSpec(Architecture.LENET, new int[] {3, 32, 32}, 10), 1)) {
      assertEquals(89_578, r.numParameters());
      assertEquals(0, r.numState());
      assertEquals(0, r.state().length);
    }
    // 28x28 input: pools give 14, 7, 4 (Caffe rounds up), dense 64*4*4... no: 7 -> 4? (7-3)/2 = 2, +1 = 3
    try (Replica r = Replica.create(LENET_MNIST, 1)) {
      assertEquals(2432 - 2 * 800 + 25632 + 51264 + 64 * 9 * 10 + 10, r.numParameters());
    }
    // BN-LeNet: no conv bias, BN gamma/beta trainable (32+32+64)*2, running mean/var as state
    try (Replica r = Replica.create(new ModelSpec(Architecture.BN_LENET, new int[] {3, 32, 32}, 10), 1)) {
      assertEquals(89_578 - 128 + 2 * 128, r.numParameters());
      assertEquals(2 * 128, r.numState());
    }
    try (Replica r = Replica.create(new ModelSpec(Architecture.GN_LENET, new int[] {3, 32, 32}, 10), 1)) {
      assertEquals(89_578 - 128 + 2 * 128, r.numParameters());
      assertEquals(0, r.numState());
    }
    // ResNet-20 (He et al.: 0.27M) with 1x1 projection shortcuts
    try (Replica r = Replica.create(new ModelSpec(Architecture.RESNET20_BN, new int[] {3, 32, 32}, 10), 1)) {
      assertEquals(272_474, r.numParameters());
      assertEquals(2 * (16 * 7 + 32 * 7 + 64 * 7), r.numState());
    }
    try (Replica r = Replica.create(new ModelSpec(Architecture.MLP, new int[] {784}, 10), 1)) {
      assertEquals(784 * 200 + 200 + 200 * 200 + 200 + 200 * 10 + 10, r.numParameters());
    }
  }

  @Test
  void layoutIsContiguousAndSumsToTheCounts() {
    try (Replica r = Replica.create(new ModelSpec(Architecture.RESNET20_BN, new int[] {3, 16, 16}, 7), 3)) {
      int train = 0;
      int state = 0;
      for (ParameterSlice s : r.layout()) {
        assertEquals(Arrays.stream(s.shape()).reduce(1, (a, b) -> a * b), s.length(), s.name());
        if (s.trainable()) {
          assertEquals(train, s.offset(), s.name());
          train += s.length();
        } else {
          assertEquals(state, s.offset(), s.name());
          state += s.length();
        }
      }
      assertEquals(r.numParameters(), train);
      assertEquals(r.numState(), state);
      // the classifier is last: its bias has the class count
      ParameterSlice last = r.layout().get(r.layout().size() - 1);
      assertArrayEquals(new int[] {7}, last.shape());
    }
  }

  @Test
  void flatViewsRoundTripExactlyAndAddChangesOnlyTheDeltaPositions() {
    try (Replica r = Replica.create(new ModelSpec(Architecture.BN_LENET, new int[] {1, 12, 12}, 4), 5)) {
      Random rnd = new Random(11);
      float[] p = new float[r.numParameters()];
      for (int i = 0; i < p.length; i++) {
        p[i] = (float) rnd.nextGaussian() * 1e-3f + (i % 7 == 0 ? Float.MIN_VALUE : 0f);
      }
      r.setParameters(p);
      assertArrayEquals(p, r.parameters());
      float[] s = new float[r.numState()];
      for (int i = 0; i < s.length; i++) {
        s[i] = 1f + i * 1e-4f;
      }
      r.setState(s);
      assertArrayEquals(s, r.state());
      assertArrayEquals(p, r.parameters(), "state and parameters are separate");

      float[] delta = new float[p.length];
      int[] touched = {0, 17, p.length / 2, p.length - 1};
      for (int t : touched) {
        delta[t] = 0.25f;
      }
      r.addToParameters(delta);
      float[] after = r.parameters();
      for (int i = 0; i < p.length; i++) {
        float expected = p[i] + delta[i];
        assertEquals(expected, after[i], 0f, "index " + i);
      }
      assertThrows(IllegalArgumentException.class, () -> r.setParameters(new float[p.length - 1]));
      assertThrows(IllegalArgumentException.class, () -> r.addToParameters(new float[p.length + 1]));
    }
  }

  @Test
  void sameSeedSameInitialModelOtherSeedOther() {
    ModelSpec spec = new ModelSpec(Architecture.RESNET20_GN, new int[] {3, 8, 8}, 10);
    try (Replica a = Replica.create(spec, 42); Replica b = Replica.create(spec, 42); Replica c = Replica.create(spec, 43)) {
      assertArrayEquals(a.parameters(), b.parameters());
      assertFalse(Arrays.equals(a.parameters(), c.parameters()));
      // He-normal weights: the first conv's weights have std ~ sqrt(2 / 27)
      ParameterSlice first = a.layout().get(0);
      float[] p = a.parameters();
      double sq = 0;
      for (int i = first.offset(); i < first.offset() + first.length(); i++) {
        sq += p[i] * p[i];
      }
      double std = Math.sqrt(sq / first.length());
      assertEquals(Math.sqrt(2.0 / 27), std, 0.03);
    }
  }

  @Test
  void gradientIsRepeatableAndDoesNotAccumulate() {
    ModelSpec spec = new ModelSpec(Architecture.GN_LENET, new int[] {1, 16, 16}, 5);
    LabeledDataset data = randomImages(16, new int[] {1, 16, 16}, 5, 2);
    int[] batch = range(0, 8);
    try (Replica a = Replica.create(spec, 9); Replica b = Replica.create(spec, 9)) {
      Gradient g1 = a.gradient(data, batch);
      Gradient g2 = a.gradient(data, batch); // same parameters, GroupNorm has no state: same gradient
      Gradient g3 = b.gradient(data, batch);
      assertArrayEquals(g1.values(), g2.values(), "gradients must not accumulate across calls");
      assertArrayEquals(g1.values(), g3.values(), "same seed and batch give bit-identical gradients");
      assertEquals(g1.loss(), g3.loss());
      assertTrue(g1.loss() > 0);
      double norm = 0;
      for (float v : g1.values()) {
        norm += v * v;
      }
      assertTrue(norm > 0);
      assertEquals(a.numParameters(), g1.values().length);
    }
  }

  @Test
  void gradientMatchesFiniteDifferences() {
    // MLP (dense + ReLU), GN-LeNet (GroupNorm, pools) and LeNet (LRN): train and inference modes
    // coincide for these, so evaluate() gives the loss whose derivative gradient() returns.
    checkFiniteDifferences(new ModelSpec(Architecture.MLP, new int[] {6}, 3), new int[] {6}, 31);
    checkFiniteDifferences(new ModelSpec(Architecture.GN_LENET, new int[] {2, 8, 8}, 3), new int[] {2, 8, 8}, 32);
    checkFiniteDifferences(new ModelSpec(Architecture.LENET, new int[] {2, 8, 8}, 3), new int[] {2, 8, 8}, 33);
  }

  private static void checkFiniteDifferences(ModelSpec spec, int[] shape, long seed) {
    int n = 6;
    Random r = new Random(seed);
    int size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] x = new float[n * size];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) r.nextGaussian();
    }
    int[] labels = {0, 1, 2, 0, 1, 2};
    LabeledDataset data = LabeledDataset.ofFloats("fd", shape, List.of("a", "b", "c"), x, labels);
    try (Replica rep = Replica.create(spec, seed)) {
      Gradient g = rep.gradient(data, range(0, n));
      float[] p = rep.parameters();
      assertEquals(rep.evaluate(data, n).loss(), g.loss(), 1e-5);
      // Check the largest-gradient coordinate of every tensor (so every layer is covered).
      int checked = 0;
      for (ParameterSlice s : rep.layout()) {
        if (!s.trainable()) {
          continue;
        }
        int best = s.offset();
        for (int i = s.offset(); i < s.offset() + s.length(); i++) {
          if (Math.abs(g.values()[i]) > Math.abs(g.values()[best])) {
            best = i;
          }
        }
        double h = 1e-3;
        float[] plus = p.clone();
        plus[best] += (float) h;
        rep.setParameters(plus);
        double lp = rep.evaluate(data, n).loss();
        float[] minus = p.clone();
        minus[best] -= (float) h;
        rep.setParameters(minus);
        double lm = rep.evaluate(data, n).loss();
        rep.setParameters(p);
        double fd = (lp - lm) / ((double) plus[best] - minus[best]);
        double an = g.values()[best];
        assertEquals(fd, an, 2e-3 + 0.03 * Math.abs(an), spec + " " + s.name() + " index " + best);
        checked++;
      }
      assertTrue(checked >= 4, "checked " + checked + " tensors");
    }
  }

  @Test
  void batchNormMeansPerLayerAndRunningStatisticsUpdate() {
    LabeledDataset data = randomImages(8, new int[] {3, 16, 16}, 10, 4);
    try (Replica r = Replica.create(new ModelSpec(Architecture.BN_LENET, new int[] {3, 16, 16}, 10), 2)) {
      assertTrue(r.lastBatchNormMeans().isEmpty(), "nothing recorded before the first step");
      r.gradient(data, range(0, 8));
      List<float[]> means = r.lastBatchNormMeans();
      assertEquals(List.of(32, 32, 64), means.stream().map(m -> m.length).toList());
      // Running mean starts at 0 and moves 10% towards the batch mean: state = 0.1 * mu_B
      float[] state = r.state();
      ParameterSlice firstMean = r.layout().stream().filter(s -> !s.trainable()).findFirst().orElseThrow();
      assertTrue(firstMean.name().endsWith("runningMean"), firstMean.name());
      double maxAbs = 0;
      for (int c = 0; c < 32; c++) {
        assertEquals(0.1 * means.get(0)[c], state[firstMean.offset() + c], 1e-5 + 1e-4 * Math.abs(means.get(0)[c]));
        maxAbs = Math.max(maxAbs, Math.abs(means.get(0)[c]));
      }
      assertTrue(maxAbs > 0, "non-trivial means");
      // Evaluation uses the running statistics and changes nothing
      float[] before = r.state();
      r.evaluate(data, 4);
      assertArrayEquals(before, r.state());
    }
    try (Replica r = Replica.create(new ModelSpec(Architecture.RESNET20_BN, new int[] {3, 16, 16}, 10), 2)) {
      r.gradient(data, range(0, 4));
      List<Integer> widths = r.lastBatchNormMeans().stream().map(m -> m.length).toList();
      List<Integer> expected = new ArrayList<>();
      expected.add(16);                                     // stem
      for (int i = 0; i < 6; i++) {
        expected.add(16);                                   // stage 1: 3 blocks x 2
      }
      expected.addAll(List.of(32, 32, 32, 32, 32, 32, 32)); // stage 2: 2 + projection, then 2 x 2
      expected.addAll(List.of(64, 64, 64, 64, 64, 64, 64)); // stage 3
      assertEquals(expected, widths);
    }
    try (Replica r = Replica.create(new ModelSpec(Architecture.GN_LENET, new int[] {3, 16, 16}, 10), 2)) {
      r.gradient(data, range(0, 4));
      assertTrue(r.lastBatchNormMeans().isEmpty());
    }
  }

  @Test
  void rejectsDataOfTheWrongShapeAndImpossibleSpecs() {
    try (Replica r = Replica.create(LENET_MNIST, 0)) {
      LabeledDataset wrong = randomImages(4, new int[] {3, 28, 28}, 10, 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.gradient(wrong, range(0, 2)));
      assertTrue(e.getMessage().contains("[3, 28, 28]") && e.getMessage().contains("[1, 28, 28]"), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Replica.create(new ModelSpec(Architecture.GN_LENET, new int[] {3, 32, 32}, 10, 3), 0));
    assertTrue(e.getMessage().contains("groups of 3"), e.getMessage());
    IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Architecture.parse("vgg"));
    assertTrue(p.getMessage().contains("resnet20-gn") && p.getMessage().contains("'vgg'"), p.getMessage());
    assertEquals(Architecture.RESNET20_BN, Architecture.parse("ResNet20_BN"));
    for (Architecture a : Architecture.replicaNetworks()) {
      assertEquals(a, Architecture.parse(a.id()));
    }
    assertThrows(IllegalArgumentException.class, () -> new ModelSpec(Architecture.LENET, new int[] {784}, 10));
  }

  @Test
  void replicasComputeGradientsInParallelThreads() throws Exception {
    ModelSpec spec = new ModelSpec(Architecture.BN_LENET, new int[] {1, 12, 12}, 4);
    LabeledDataset data = randomImages(32, new int[] {1, 12, 12}, 4, 8);
    float[][] sequential = new float[2][];
    for (int k = 0; k < 2; k++) {
      try (Replica r = Replica.create(spec, 10 + k)) {
        for (int s = 0; s < 5; s++) {
          sequential[k] = r.gradient(data, range(k * 16, k * 16 + 16)).values();
        }
      }
    }
    float[][] parallel = new float[2][];
    Thread[] threads = new Thread[2];
    Throwable[] errors = new Throwable[2];
    for (int k = 0; k < 2; k++) {
      int id = k;
      threads[k] = new Thread(() -> {
        try (Replica r = Replica.create(spec, 10 + id)) {
          for (int s = 0; s < 5; s++) {
            parallel[id] = r.gradient(data, range(id * 16, id * 16 + 16)).values();
          }
        } catch (Throwable t) {
          errors[id] = t;
        }
      });
      threads[k].start();
    }
    for (int k = 0; k < 2; k++) {
      threads[k].join();
      if (errors[k] != null) {
        throw new AssertionError("replica " + k + " failed in its thread", errors[k]);
      }
      assertArrayEquals(sequential[k], parallel[k], "replica " + k);
    }
  }

  @Test
  void describeListsEveryTensorAndTheTotals() {
    String d = Models.describe(new ModelSpec(Architecture.BN_LENET, new int[] {3, 32, 32}, 10));
    assertTrue(d.contains("trainable parameters: 89706, non-trainable state: 256"), d);
    assertTrue(d.contains("[32, 3, 5, 5]") && d.contains("(state)"), d);
  }

  @Test
  void copyIsIndependent() {
    try (Replica a = Replica.create(new ModelSpec(Architecture.BN_LENET, new int[] {1, 8, 8}, 3), 1)) {
      a.gradient(randomImages(4, new int[] {1, 8, 8}, 3, 1), range(0, 4));
      try (Replica b = a.copy()) {
        assertArrayEquals(a.parameters(), b.parameters());
        assertArrayEquals(a.state(), b.state());
        float[] d = new float[a.numParameters()];
        d[0] = 1;
        b.addToParameters(d);
        assertNotEquals(a.parameters()[0], b.parameters()[0]);
      }
    }
  }

  @Test
  void noNativeMemoryGrowthOverManySteps() {
    int[] shape = {1, 16, 16};
    int batch = 32;
    LabeledDataset data = randomImages(4 * batch, shape, 10, 3);
    for (Architecture arch : List.of(Architecture.BN_LENET, Architecture.GN_LENET)) {
      try (Replica r = Replica.create(new ModelSpec(arch, shape, 10), 1)) {
        int arrays = r.liveArrays();
        float[] p = r.parameters();
        for (int step = 0; step < 30; step++) { // warm-up: the native allocator reaches its working size
          r.gradient(data, range((step % 4) * batch, (step % 4 + 1) * batch));
          r.setParameters(p);
          assertEquals(arrays, r.liveArrays());
        }
        r.evaluate(data, 32);
        long rss0 = rssBytes();
        for (int step = 0; step < 150; step++) {
          Gradient g = r.gradient(data, range((step % 4) * batch, (step % 4 + 1) * batch));
          for (int i = 0; i < p.length; i++) {
            p[i] -= 1e-4f * g.values()[i];
          }
          r.setParameters(p);
          if (step % 50 == 0) {
            r.evaluate(data, 32);
            r.lastBatchNormMeans();
          }
        }
        // Exact: every array a step creates is freed with its sub-manager.
        assertEquals(arrays, r.liveArrays(), arch + ": arrays left behind in the replica's manager");
        // Coarse: RSS also moves with the Java heap's sizing (up to ~60 MB seen here), but leaking
        // one step's activations (several MB a step at this size) would add about 1 GB.
        long growth = rssBytes() - rss0;
        assertTrue(growth < 150L << 20, arch + ": RSS grew by " + (growth >> 20) + " MiB over 150 steps");
      }
    }
  }

  /** Resident set size of this process; 0 without procfs (the array-count check still applies then). */
  static long rssBytes() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return 0;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return 0;
  }
}
