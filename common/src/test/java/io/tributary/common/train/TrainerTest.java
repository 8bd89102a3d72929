package io.tributary.common.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.Gradient;
import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TrainerTest {

  /** Gaussian blobs: class k centred at 2 * e_k in 8 dimensions. */
  static LabeledDataset blobs(int n, long seed) {
    Random r = new Random(seed);
    int dim = 8;
    float[] x = new float[n * dim];
    int[] y = new int[n];
    for (int i = 0; i < n; i++) {
      y[i] = i % 4;
      for (int d = 0; d < dim; d++) {
        x[i * dim + d] = (float) (r.nextGaussian() * 0.7 + (d == y[i] ? 2 : 0));
      }
    }
    return LabeledDataset.ofFloats("blobs", new int[] {dim}, List.of("a", "b", "c", "d"), x, y);
  }

  @Test
  void fitsAndIsReproducibleForASeed() {
    LabeledDataset train = blobs(400, 1);
    LabeledDataset test = blobs(200, 2);
    ModelSpec spec = ModelSpec.forDataset(Architecture.MLP, train);
    List<EpochResult> seen = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    Trainer trainer = Trainer.builder(spec).epochs(3).batchSize(20)
        .schedule(LearningRateSchedule.step(0.05, 0.1, 2)).momentum(0.9).weightDecay(5e-4).seed(3).progress(false)
        .listener(new TrainListener() {
          @Override
          public void onStep(long step, int epoch, double lr, Gradient g) {
            rates.add(lr);
          }

          @Override
          public void onEpoch(EpochResult r) {
            seen.add(r);
          }
        }).build();
    TrainResult a = trainer.fit(train, test);
    assertEquals(3, a.epochs().size());
    assertEquals(a.epochs(), seen);
    assertEquals(60, a.steps()); // 400 / 20 per epoch
    assertEquals(List.of(20L, 40L, 60L), a.epochs().stream().map(EpochResult::steps).toList());
    assertEquals(0.05, rates.get(39), 1e-12);
    assertEquals(0.005, rates.get(40), 1e-12);
    assertTrue(a.finalTest().top1() > 0.9, "test " + a.finalTest());
    assertTrue(a.epochs().get(2).trainLoss() < a.epochs().get(0).trainLoss());
    // same seed: bit-identical model; another seed: another model
    TrainResult b = trainer.fit(train, test);
    assertArrayEquals(a.parameters(), b.parameters());
    assertEquals(a.finalTest(), b.finalTest());
    TrainResult c = Trainer.builder(spec).epochs(3).batchSize(20).schedule(LearningRateSchedule.step(0.05, 0.1, 2))
        .seed(4).progress(false).build().fit(train, test);
    assertFalse(Arrays.equals(a.parameters(), c.parameters()));
  }

  @Test
  void maxStepsStopsMidEpochAndAnExistingReplicaIsTrainedInPlace() {
    LabeledDataset train = blobs(100, 5);
    ModelSpec spec = ModelSpec.forDataset(Architecture.MLP, train);
    try (Replica r = Replica.create(spec, 1)) {
      float[] before = r.parameters();
      TrainResult res = Trainer.builder(spec).epochs(5).batchSize(30).maxSteps(4).learningRate(0.01).progress(false)
          .build().fit(r, train, null);
      assertEquals(4, res.steps());
      assertEquals(2, res.epochs().size()); // 3 full minibatches per epoch (last 10 dropped), then 1
      assertEquals(null, res.finalTest());
      assertFalse(Arrays.equals(before, r.parameters()));
      assertArrayEquals(r.parameters(), res.parameters());
    }
    ModelSpec other = new ModelSpec(Architecture.MLP, new int[] {8}, 5);
    try (Replica r = Replica.create(other, 1)) {
      assertThrows(IllegalArgumentException.class,
          () -> Trainer.builder(spec).progress(false).build().fit(r, train, null));
    }
    assertThrows(IllegalArgumentException.class, () -> Trainer.builder(spec).batchSize(0));
    assertThrows(IllegalArgumentException.class, () -> Trainer.builder(spec).momentum(1.5));
  }
}
