package io.tributary.gaia.ic;

/**
 * How an image-classification worker trains in one clock: {@code batchesPerClock} momentum-SGD
 * steps of {@code batchSize} images with the given learning rate, momentum and weight decay;
 * {@code seed} fixes the initial weights and every worker's order of its images. Checked by
 * {@link ImageClassification}.
 *
 * @param learningRate SGD step size (> 0)
 * @param momentum momentum in [0, 1)
 * @param weightDecay L2 weight decay (>= 0)
 * @param batchSize images per minibatch (>= 1)
 * @param batchesPerClock minibatches per clock (>= 1)
 * @param seed seed of the initial weights and the workers' image orders
 */
public record IcTraining(double learningRate, double momentum, double weightDecay, int batchSize,
    int batchesPerClock, long seed) {}
