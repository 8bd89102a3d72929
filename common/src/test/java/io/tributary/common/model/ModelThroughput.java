package io.tributary.common.model;

import io.tributary.common.data.LabeledDataset;
import java.util.Arrays;
import java.util.Locale;

/**
 * Measures training steps per second (gradient + flat parameter update) of the zoo's networks on
 * this CPU. Not a test: run with {@code java -cp <test classpath> io.tributary.common.model.ModelThroughput
 * [arch[:C,H,W]] ...}.
 */
public final class ModelThroughput {
  public static void main(String[] args) {
    String[] which = args.length > 0 ? args : new String[] {"lenet:1,28,28", "lenet:3,32,32", "bn-lenet:3,32,32",
        "gn-lenet:3,32,32", "resnet20-bn:3,32,32", "resnet20-gn:3,32,32", "mlp:1,28,28"};
    int batch = Integer.getInteger("batch", 32);
    double seconds = Double.parseDouble(System.getProperty("seconds", "10"));
    for (String w : which) {
      String[] parts = w.split(":");
      String[] dims = (parts.length > 1 ? parts[1] : "3,32,32").split(",");
      int[] shape = new int[dims.length];
      for (int i = 0; i < dims.length; i++) {
        shape[i] = Integer.parseInt(dims[i].trim());
      }
      ModelSpec spec = new ModelSpec(Architecture.parse(parts[0]), shape, 10);
      LabeledDataset data = ReplicaTest.randomImages(batch * 8, shape, 10, 1);
      try (Replica r = Replica.create(spec, 1)) {
        float[] p = r.parameters();
        int[][] batches = new int[8][];
        for (int b = 0; b < 8; b++) {
          batches[b] = ReplicaTest.range(b * batch, (b + 1) * batch);
        }
        for (int i = 0; i < 5; i++) {
          r.gradient(data, batches[i % 8]);
        }
        long gradNanos = 0;
        long start = System.nanoTime();
        int steps = 0;
        while (System.nanoTime() - start < seconds * 1e9) {
          long t0 = System.nanoTime();
          Gradient g = r.gradient(data, batches[steps % 8]);
          gradNanos += System.nanoTime() - t0;
          float[] v = g.values();
          for (int i = 0; i < p.length; i++) {
            p[i] -= 0.001f * v[i];
          }
          r.setParameters(p);
          steps++;
        }
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%-12s %-10s batch %d: %7.1f steps/s (gradient %.1f ms, step %.1f ms), %d params%n",
            spec.architecture().id(), Arrays.toString(shape), batch, steps / total,
            gradNanos / 1e6 / steps, total * 1e3 / steps, r.numParameters());
      }
    }
  }
}
