package io.tributary.common.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tributary.common.model.Gradient;
import java.util.List;
import java.util.Random;

/**
 * Trains a DJL classifier block on the {@link TrainingLoop}: Adam at a fixed learning rate, softmax
 * cross-entropy on the block's first output, minibatches drawn from a {@link Minibatches} source.
 * Seeded (the engine's generator initialises the parameters, a {@link Random} draws the batches), so
 * on one machine with one PyTorch thread a configuration trains the same parameters every time.
 * Focus's crop networks train here; the protocols' replicas train with flat SGD in {@link Trainer}.
 *
 * <p>The loop's learning rate schedule is not used: the rate is Adam's, fixed.
 */
public final class DjlTraining {
  /** The DJL engine the models train on. */
  public static final String ENGINE = "PyTorch";

  private DjlTraining() {}

  /**
   * Adam's settings.
   *
   * @param learningRate Adam's fixed learning rate (> 0)
   * @param seed seed of the initial parameters and of the minibatch draws
   */
  public record Adam(float learningRate, long seed) {
    public Adam {
      if (!(learningRate > 0)) {
        throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
      }
    }
  }

  /**
   * Trains a fresh model of {@code block} and returns it (parameters initialised and trained); the
   * caller owns and closes it. The engine's generator is reseeded first.
   *
   * @param name the model's name
   * @param listeners called after every step (the gradient values are empty: Adam runs in the
   *     engine) and every epoch (no evaluation)
   */
  public static Model train(String name, Block block, Minibatches data, StepPlan plan, Adam adam,
      List<TrainListener> listeners) {
    Engine.getEngine(ENGINE).setRandomSeed((int) adam.seed());
    Model model = Model.newInstance(name, ENGINE);
    model.setBlock(block);
    Loss loss = Loss.softmaxCrossEntropyLoss();
    DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(adam.learningRate())).build());
    Random random = new Random(adam.seed());
    long[] example = data.exampleShape();
    int exampleSize = 1;
    for (long d : example) {
      exampleSize *= Math.toIntExact(d);
    }
    int size = exampleSize;
    try (Trainer trainer = model.newTrainer(cfg)) {
      trainer.initialize(batchShape(1, example));
      new TrainingLoop(plan, LearningRateSchedule.constant(adam.learningRate()), listeners, null)
          .run((step, epoch, index, batchSize, lr) -> {
            float[] x = new float[batchSize * size];
            float[] y = new float[batchSize];
            data.fill(x, y, batchSize, random);
            return step(trainer, loss, x, y, batchSize, example);
          });
    } catch (RuntimeException e) {
      model.close();
      throw e;
    }
    return model;
  }

  private static Gradient step(Trainer trainer, Loss loss, float[] x, float[] y, int batchSize, long[] example) {
    float lossValue;
    int correct = 0;
    try (NDManager m = trainer.getManager().newSubManager()) {
      NDArray xa = m.create(x, batchShape(batchSize, example));
      NDArray ya = m.create(y, new Shape(batchSize));
      try (GradientCollector gc = trainer.newGradientCollector()) {
        NDList out = trainer.forward(new NDList(xa));
        NDArray l = loss.evaluate(new NDList(ya), new NDList(out.get(0)));
        gc.backward(l);
        lossValue = l.getFloat();
        float[] pred = out.get(0).argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
        for (int b = 0; b < batchSize; b++) {
          correct += pred[b] == y[b] ? 1 : 0;
        }
      }
      trainer.step();
    }
    return new Gradient(new float[0], lossValue, correct / (float) batchSize);
  }

  private static Shape batchShape(long n, long[] example) {
    long[] s = new long[example.length + 1];
    s[0] = n;
    System.arraycopy(example, 0, s, 1, example.length);
    return new Shape(s);
  }

  /** Number of correct predictions a step's {@link Gradient#batchAccuracy()} stands for. */
  public static int correct(Gradient g, int batchSize) {
    return Math.round(g.batchAccuracy() * batchSize);
  }
}
