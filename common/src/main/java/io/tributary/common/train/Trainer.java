package io.tributary.common.train;

import io.tributary.common.data.LabeledDataset;
import io.tributary.common.model.Evaluation;
import io.tributary.common.model.Gradient;
import io.tributary.common.model.ModelSpec;
import io.tributary.common.model.Replica;
import io.tributary.common.report.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Plain centralised training of a {@link Replica}: minibatch momentum SGD over one dataset on the
 * common {@link TrainingLoop}, the "one data centre" baseline every decentralised protocol is
 * compared with.
 *
 * <pre>{@code
 * TrainResult r = Trainer.builder(ModelSpec.forDataset(Architecture.LENET, train))
 *     .epochs(2).batchSize(32).schedule(LearningRateSchedule.constant(0.02))
 *     .momentum(0.9).weightDecay(5e-4).seed(1).build()
 *     .fit(train, test);
 * }</pre>
 *
 * <p>Each epoch visits a fresh permutation of the training set, drawn from the seed (so a run is
 * reproducible), in minibatches of {@code batchSize}; a last incomplete minibatch is dropped
 * (unless the whole set is smaller than one minibatch). After every epoch (and when
 * {@code maxSteps} stops training early) the model is evaluated on the test set.
 */
public final class Trainer {
  private final ModelSpec spec;
  private final int epochs;
  private final int batchSize;
  private final LearningRateSchedule schedule;
  private final double momentum;
  private final double weightDecay;
  private final long seed;
  private final List<TrainListener> listeners;
  private final long maxSteps;
  private final int evalBatchSize;
  private final boolean progress;

  private Trainer(Builder b) {
    this.spec = b.spec;
    this.epochs = b.epochs;
    this.batchSize = b.batchSize;
    this.schedule = b.schedule;
    this.momentum = b.momentum;
    this.weightDecay = b.weightDecay;
    this.seed = b.seed;
    this.listeners = List.copyOf(b.listeners);
    this.maxSteps = b.maxSteps;
    this.evalBatchSize = b.evalBatchSize;
    this.progress = b.progress;
  }

  /** A builder for training models of {@code spec}. */
  public static Builder builder(ModelSpec spec) {
    return new Builder(spec);
  }

  /**
   * Trains a fresh replica (initialised from the seed) on {@code train}, evaluating on
   * {@code test} (may be null) after every epoch. The replica is closed at the end; its parameters
   * and state are in the result.
   */
  public TrainResult fit(LabeledDataset train, LabeledDataset test) {
    try (Replica replica = Replica.create(spec, seed)) {
      return fit(replica, train, test);
    }
  }

  /** Trains {@code replica} in place (its spec must be this trainer's), as {@link #fit(LabeledDataset, LabeledDataset)}. */
  public TrainResult fit(Replica replica, LabeledDataset train, LabeledDataset test) {
    Objects.requireNonNull(train, "train");
    if (!replica.spec().equals(spec)) {
      throw new IllegalArgumentException("trainer is for " + spec + " but the replica is " + replica.spec());
    }
    if (train.size() == 0) {
      throw new IllegalArgumentException("training set " + train.name() + " is empty");
    }
    int n = train.size();
    int batch = Math.min(batchSize, n);
    StepPlan plan = new StepPlan(epochs, n, batch, true, maxSteps);
    Progress bar = progress ? new Progress("train " + spec.architecture().id(), plan.plannedSteps()) : null;
    ReplicaStep step = new ReplicaStep(replica, train, test, new MomentumSgd(momentum, weightDecay), batch);
    TrainingHistory history = new TrainingLoop(plan, schedule, listeners, bar).run(step);
    return new TrainResult(spec, seed, history, replica.parameters(), replica.state());
  }

  /**
   * One momentum SGD step on the replica's flat parameters over minibatch {@code index} of the
   * epoch's permutation (the full minibatches of a fresh permutation per epoch).
   */
  private final class ReplicaStep implements TrainStep {
    private final Replica replica;
    private final LabeledDataset train;
    private final LabeledDataset test;
    private final MomentumSgd sgd;
    private final float[] params;
    private final int[] order;
    private final int[] positions;

    ReplicaStep(Replica replica, LabeledDataset train, LabeledDataset test, MomentumSgd sgd, int batch) {
      this.replica = replica;
      this.train = train;
      this.test = test;
      this.sgd = sgd;
      this.params = replica.parameters();
      this.order = new int[train.size()];
      this.positions = new int[batch];
    }

    @Override
    public void startEpoch(int epoch) {
      shuffle(order, epoch);
    }

    @Override
    public Gradient step(long step, int epoch, int index, int batchSize, double lr) {
      System.arraycopy(order, index * positions.length, positions, 0, positions.length);
      Gradient g = replica.gradient(train, positions);
      sgd.step(params, g.values(), lr);
      replica.setParameters(params);
      if (!Float.isFinite(g.loss())) {
        throw new IllegalStateException(String.format(Locale.ROOT,
            "training diverged at step %d (epoch %d): loss %s with learning rate %g", step, epoch, g.loss(), lr));
      }
      return g;
    }

    @Override
    public Evaluation evaluate() {
      return test == null ? null : replica.evaluate(test, evalBatchSize);
    }
  }

  /** Epoch {@code epoch}'s visiting order: a Fisher-Yates shuffle from a generator split off the seed. */
  private void shuffle(int[] order, int epoch) {
    SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (epoch + 1L)));
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT,
        "Trainer[%s, epochs=%d, batchSize=%d, schedule=%s, momentum=%s, weightDecay=%s, seed=%d, maxSteps=%s]", spec,
        epochs, batchSize, schedule, momentum, weightDecay, seed, maxSteps == Long.MAX_VALUE ? "none" : maxSteps);
  }

  /**
   * Options of a {@link Trainer}. Defaults follow the study's CIFAR-10 settings (thesis Table 6.3)
   * where they are per-run choices: momentum 0.9, weight decay 5e-4; plus batch size 32, one
   * epoch, a constant learning rate of 0.01, seed 0, no step limit, progress on stderr.
   */
  public static final class Builder {
    private final ModelSpec spec;
    private int epochs = 1;
    private int batchSize = 32;
    private LearningRateSchedule schedule = LearningRateSchedule.constant(0.01);
    private double momentum = 0.9;
    private double weightDecay = 5e-4;
    private long seed;
    private final List<TrainListener> listeners = new ArrayList<>();
    private long maxSteps = Long.MAX_VALUE;
    private int evalBatchSize = 256;
    private boolean progress = true;

    private Builder(ModelSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** Number of passes over the training set (>= 1). */
    public Builder epochs(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("epochs must be >= 1, got " + n);
      }
      epochs = n;
      return this;
    }

    /** Minibatch size (>= 1). */
    public Builder batchSize(int b) {
      if (b < 1) {
        throw new IllegalArgumentException("batch size must be >= 1, got " + b);
      }
      batchSize = b;
      return this;
    }

    public Builder schedule(LearningRateSchedule s) {
      schedule = Objects.requireNonNull(s, "schedule");
      return this;
    }

    /** Shorthand for a constant learning rate. */
    public Builder learningRate(double lr) {
      return schedule(LearningRateSchedule.constant(lr));
    }

    public Builder momentum(double m) {
      new MomentumSgd(m, 0); // validates
      momentum = m;
      return this;
    }

    public Builder weightDecay(double wd) {
      new MomentumSgd(0, wd); // validates
      weightDecay = wd;
      return this;
    }

    /** Seed of the initial parameters and of the shuffling. */
    public Builder seed(long s) {
      seed = s;
      return this;
    }

    /** Adds a listener (may be called several times). */
    public Builder listener(TrainListener l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    /** Stops after this many optimiser steps, even mid-epoch (>= 1). */
    public Builder maxSteps(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxSteps must be >= 1, got " + n);
      }
      maxSteps = n;
      return this;
    }

    /** Batch size for evaluation (inference only; larger is faster). */
    public Builder evalBatchSize(int b) {
      if (b < 1) {
        throw new IllegalArgumentException("evaluation batch size must be >= 1, got " + b);
      }
      evalBatchSize = b;
      return this;
    }

    /** Whether to print a progress line to stderr (every 5 s at most). */
    public Builder progress(boolean on) {
      progress = on;
      return this;
    }

    public Trainer build() {
      return new Trainer(this);
    }
  }
}
