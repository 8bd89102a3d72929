package io.tributary.common.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tributary.common.data.DatasetLocator;
import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.Gradient;
import io.tributary.common.model.ModelSpec;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Trains the study's LeNet on real images (Fashion-MNIST, else MNIST) through the Trainer. */
class LeNetTrainingTest {

  @Test
  void lenetLearnsRealImagesInAFewHundredSteps() throws IOException {
    Optional<LabeledDataset> trainSet = DatasetLocator.realImageDataset(true);
    assumeTrue(trainSet.isPresent(), "neither Fashion-MNIST nor MNIST is installed (scripts/fetch-data.sh)");
    boolean mnist = DatasetLocator.fashionMnist().isEmpty();
    // Per-set pixel mean/std, as usual for these sets.
    float[] mean = {mnist ? 0.1307f : 0.2860f};
    float[] std = {mnist ? 0.3081f : 0.3530f};
    Split data = new Split(mnist ? "mnist" : "fashion-mnist", trainSet.get().normalized(mean, std),
        DatasetLocator.realImageDataset(false).orElseThrow().normalized(mean, std));
    LabeledDataset test = data.test().head(2000);
    ModelSpec spec = ModelSpec.forDataset(Architecture.LENET, data.train());
    AtomicLong steps = new AtomicLong();
    TrainResult r = Trainer.builder(spec)
        .batchSize(32).maxSteps(STEPS).schedule(LearningRateSchedule.constant(LR)).momentum(0.9).weightDecay(5e-4)
        .seed(1).progress(false)
        .listener(new TrainListener() {
          @Override
          public void onStep(long step, int epoch, double learningRate, Gradient g) {
            assertEquals(steps.getAndIncrement(), step);
          }
        })
        .build().fit(data.train(), test);
    System.out.printf("%s LeNet: %d steps, %.1f steps/s, test %s%n", data.name(), r.steps(), r.stepsPerSecond(),
        r.finalTest());
    assertEquals(STEPS, r.steps());
    assertEquals(STEPS, steps.get());
    assertEquals(1, r.epochs().size(), "maxSteps stops inside the first epoch");
    double bar = data.name().equals("mnist") ? 0.93 : 0.75;
    assertTrue(r.finalTest().top1() >= bar, data.name() + " test accuracy " + r.finalTest() + " < " + bar);
  }

  private record Split(String name, LabeledDataset train, LabeledDataset test) {}

  static final int STEPS = 500;
  static final double LR = 0.02;
}
