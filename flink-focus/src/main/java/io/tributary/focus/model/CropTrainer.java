package io.tributary.focus.model;

import ai.djl.Model;
import io.tributary.common.focus.IncrementalClustering;
import io.tributary.common.model.Architecture;
import io.tributary.common.model.CropNets;
import io.tributary.common.model.Gradient;
import io.tributary.common.train.DjlTraining;
import io.tributary.common.train.EpochResult;
import io.tributary.common.train.StepPlan;
import io.tributary.common.train.TrainListener;
import io.tributary.connectors.video.BgrImage;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * Trains a built-in crop network ({@link CropNets}) on labelled crops, on the common training loop
 * ({@link DjlTraining}): Adam, softmax cross-entropy on the logits output, class-balanced sampling
 * (rare classes are drawn as often as common ones), horizontal flips and brightness jitter. Seeded,
 * so a configuration trains the same network every time on the same machine.
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
   *
   * @param log gets one line per epoch (may be null)
   */
  public static Model train(Architecture arch, List<String> classes, List<LabeledCrop> data, Settings s,
      PrintStream log) {
    Engines.configure();
    int n = classes.size();
    BalancedCropBatches batches = new BalancedCropBatches(InputSpec.builtin(arch), n, data);
    StepPlan plan = new StepPlan(s.epochs(), data.size(), s.batchSize(), false, Long.MAX_VALUE);
    String name = arch.name().toLowerCase(Locale.ROOT);
    List<TrainListener> listeners = log == null ? List.of() : List.of(new EpochLog(name, plan, log));
    return DjlTraining.train(name, CropNets.build(arch, n), batches, plan,
        new DjlTraining.Adam(s.learningRate(), s.seed()), listeners);
  }

  /** Prints each epoch's example-weighted loss and accuracy. */
  private static final class EpochLog implements TrainListener {
    private final String name;
    private final StepPlan plan;
    private final PrintStream log;
    private double lossSum;
    private int correct;
    private int seen;
    private int index;

    EpochLog(String name, StepPlan plan, PrintStream log) {
      this.name = name;
      this.plan = plan;
      this.log = log;
    }

    @Override
    public void onStep(long step, int epoch, double learningRate, Gradient g) {
      int bs = plan.batchSize(index++);
      lossSum += g.loss() * bs;
      correct += DjlTraining.correct(g, bs);
      seen += bs;
    }

    @Override
    public void onEpoch(EpochResult r) {
      log.printf("  %s epoch %d/%d: loss %.4f, train accuracy %.3f (%.1f s)%n", name, r.epoch() + 1, plan.epochs(),
          lossSum / seen, correct / (double) seen, r.seconds());
      lossSum = 0;
      correct = 0;
      seen = 0;
      index = 0;
    }
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
        int[] top = IncrementalClustering.topIndices(p.get(i).probabilities(),
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
