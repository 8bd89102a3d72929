package io.tributary.common.train;

import io.tributary.common.model.Evaluation;
import io.tributary.common.model.Gradient;
import io.tributary.common.report.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The one training loop of the project: epochs of minibatch steps as a {@link StepPlan} lays them
 * out, the learning rate from a {@link LearningRateSchedule}, an evaluation after every epoch, and
 * the {@link TrainListener} callbacks. What a step does is the {@link TrainStep}'s: the protocols'
 * replicas ({@link Trainer}) and Focus's crop networks ({@link DjlTraining}) both run here.
 */
public final class TrainingLoop {
  private final StepPlan plan;
  private final LearningRateSchedule schedule;
  private final List<TrainListener> listeners;
  private final Progress progress;

  /**
   * @param progress a progress line to advance after every step, or null for none
   */
  public TrainingLoop(StepPlan plan, LearningRateSchedule schedule, List<TrainListener> listeners,
      Progress progress) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.listeners = List.copyOf(listeners);
    this.progress = progress;
  }

  /** Runs the plan with {@code step}. */
  public TrainingHistory run(TrainStep step) {
    int stepsPerEpoch = plan.stepsPerEpoch();
    List<EpochResult> results = new ArrayList<>();
    Evaluation last = null;
    long done = 0;
    long trainNanos = 0;
    long start = System.nanoTime();
    for (int epoch = 0; epoch < plan.epochs() && done < plan.maxSteps(); epoch++) {
      step.startEpoch(epoch);
      double lossSum = 0;
      double accSum = 0;
      int epochSteps = 0;
      double lr = schedule.rate(done, epoch);
      for (int b = 0; b < stepsPerEpoch && done < plan.maxSteps(); b++) {
        lr = schedule.rate(done, epoch);
        long t0 = System.nanoTime();
        Gradient g = step.step(done, epoch, b, plan.batchSize(b), lr);
        trainNanos += System.nanoTime() - t0;
        lossSum += g.loss();
        accSum += g.batchAccuracy();
        epochSteps++;
        for (TrainListener l : listeners) {
          l.onStep(done, epoch, lr, g);
        }
        done++;
        if (progress != null) {
          progress.step(String.format(Locale.ROOT, "epoch %d, loss %.4f, acc %.3f, lr %.3g", epoch, g.loss(),
              g.batchAccuracy(), lr));
        }
      }
      Evaluation test = step.evaluate();
      if (test != null) {
        last = test;
      }
      EpochResult er = new EpochResult(epoch, done, epochSteps == 0 ? Double.NaN : lossSum / epochSteps,
          epochSteps == 0 ? Double.NaN : accSum / epochSteps, lr, test, (System.nanoTime() - start) / 1e9);
      results.add(er);
      for (TrainListener l : listeners) {
        l.onEpoch(er);
      }
    }
    return new TrainingHistory(results, last, done, trainNanos / 1e9, (System.nanoTime() - start) / 1e9);
  }
}
