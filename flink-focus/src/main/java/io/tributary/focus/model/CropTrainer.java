package io.tributary.focus.model;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.tributary.connectors.video.BgrImage;
import java.io.PrintStream;
import java.util.List;
import java.util.Random;

/**
 * Trains a built-in crop network ({@link BuiltinNets}) with DJL on labelled crops: Adam,
 * softmax cross-entropy on the logits output, class-balanced sampling (rare classes are drawn as
 * often as common ones), horizontal flips and brightness jitter. Seeded, so a configuration trains
 * the same network every time on the same machine.
 */
public final class CropTrainer {
  private CropTrainer() {}

  /** Epochs (passes of balanced samples as many as the data), batch size, learning rate, seed. */
  public record Settings(int epochs, int batchSize, float learningRate, long seed) {
    public Settings {
      if (epochs < 1 || batchSize < 1 || learningRate <= 0) {
        throw new IllegalArgumentException("bad training settings " + this);
      }
    }

    public String describe() {
      return "epochs=" + epochs + " batch=" + batchSize + " lr=" + learningRate + " seed=" + seed;
    }
  }

  /**
   * Trains a fresh {@code arch} network for {@code classes} and returns the model (PyTorch engine,
   * parameters initialised and trained). The caller owns and closes it.
   */
  public static Model train(BuiltinNets.Arch arch, List<String> classes, List<LabeledCrop> data, Settings s,
      PrintStream log) {
    Engines.configure();
    Engine.getEngine("PyTorch").setRandomSeed((int) s.seed());
    int n = classes.size();
    int side = arch.inputSize;
    BalancedCropBatches batches = new BalancedCropBatches(arch.input(), n, data);
    int plane = batches.exampleSize();
    Model model = Model.newInstance(arch.name().toLowerCase(), "PyTorch");
    model.setBlock(BuiltinNets.build(arch, n));
    Loss loss = Loss.softmaxCrossEntropyLoss();
    DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
        .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(s.learningRate())).build());
    Random rnd = new Random(s.seed());
    long t0 = System.nanoTime();
    try (Trainer trainer = model.newTrainer(cfg)) {
      trainer.initialize(new Shape(1, 3, side, side));
      int perEpoch = data.size();
      for (int epoch = 0; epoch < s.epochs(); epoch++) {
        double lossSum = 0;
        int correct = 0;
        int seen = 0;
        for (int start = 0; start < perEpoch; start += s.batchSize()) {
          int bs = Math.min(s.batchSize(), perEpoch - start);
          float[] x = new float[bs * plane];
          float[] y = new float[bs];
          batches.fill(x, y, bs, rnd);
          try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray xa = m.create(x, new Shape(bs, 3, side, side));
            NDArray ya = m.create(y, new Shape(bs));
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList out = trainer.forward(new NDList(xa));
              NDArray l = loss.evaluate(new NDList(ya), new NDList(out.get(0)));
              gc.backward(l);
              lossSum += l.getFloat() * bs;
              float[] pred = out.get(0).argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
              for (int b = 0; b < bs; b++) {
                correct += pred[b] == y[b] ? 1 : 0;
              }
              seen += bs;
            }
            trainer.step();
          }
        }
        if (log != null) {
          log.printf("  %s epoch %d/%d: loss %.4f, train accuracy %.3f (%.1f s)%n", arch.name().toLowerCase(),
              epoch + 1, s.epochs(), lossSum / seen, correct / (double) seen, (System.nanoTime() - t0) / 1e9);
        }
      }
    }
    return model;
  }

  /** Fraction of {@code data} whose top-1 prediction is its label. */
  public static double accuracy(CropModel model, List<LabeledCrop> data) {
    int correct = 0;
    for (int start = 0; start < data.size(); start += 64) {
      List<LabeledCrop> part = data.subList(start, Math.min(data.size(), start + 64));
      List<BgrImage> crops = part.stream().map(LabeledCrop::crop).toList();
      List<CropPrediction> p = model.predict(crops);
      for (int i = 0; i < part.size(); i++) {
        correct += p.get(i).top1() == part.get(i).label() ? 1 : 0;
      }
    }
    return data.isEmpty() ? 0 : correct / (double) data.size();
  }

  /** Fraction of {@code data} whose label is among the top {@code k} predictions. */
  public static double topKAccuracy(CropModel model, List<LabeledCrop> data, int k) {
    int correct = 0;
    for (int start = 0; start < data.size(); start += 64) {
      List<LabeledCrop> part = data.subList(start, Math.min(data.size(), start + 64));
      List<CropPrediction> p = model.predict(part.stream().map(LabeledCrop::crop).toList());
      for (int i = 0; i < part.size(); i++) {
        int[] top = io.tributary.common.focus.IncrementalClustering.topIndices(p.get(i).probabilities(),
            Math.min(k, p.get(i).probabilities().length));
        for (int t : top) {
          if (t == part.get(i).label()) {
            correct++;
            break;
          }
        }
      }
    }
    return data.isEmpty() ? 0 : correct / (double) data.size();
  }
}
