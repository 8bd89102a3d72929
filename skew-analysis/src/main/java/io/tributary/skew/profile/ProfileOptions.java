package io.tributary.skew.profile;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code tributary skew profile} is asked to do. Null means "the default"; plain Java types
 * only, so the CLI builds it without Spark.
 *
 * @param partitions one path per partition: a Parquet file or directory, or an image folder
 *     ({@code <dir>/<class>/*.png|jpg|...})
 * @param labelColumn Parquet label column (integer or string); default {@code label}
 * @param featuresColumn Parquet features column (array of float/double or a Spark ML vector),
 *     needed only for the accuracy-loss matrix; default {@code features}
 * @param shape sample shape of Parquet features, {@code C,H,W} or {@code D}; default inferred
 * @param imageSize height and width image folders are resized to; default 32
 * @param grey whether image folders are read as one grey channel (default RGB)
 * @param model a Tributary model file whose network (and weights) the accuracy-loss matrix uses
 * @param architecture a built-in architecture to use instead of a model file (fresh weights)
 * @param localSteps momentum-SGD steps each partition's copy of the model trains on its own data
 *     before the models travel (0: evaluate the given model as it is); default 200
 * @param learningRate local training's learning rate; default 0.01 (0.05 diverged on unnormalised features)
 * @param batchSize local training's minibatch; default 32
 * @param sampleSize samples of each partition a model is evaluated on; default 500
 * @param maxSamples samples per partition loaded for training and evaluation (0 = all); default 0
 * @param seed seed of model initialisation, minibatches and samples; default 1
 * @param master Spark master; default local[cores]
 * @param out output directory
 */
public record ProfileOptions(List<Path> partitions, String labelColumn, String featuresColumn, String shape,
    Integer imageSize, boolean grey, Path model, String architecture, Integer localSteps, Double learningRate,
    Integer batchSize, Integer sampleSize, Integer maxSamples, Long seed, String master, Path out) {

  public ProfileOptions {
    partitions = partitions == null ? List.of() : List.copyOf(partitions);
  }

  /** Whether the accuracy-loss matrix is asked for (a model file or an architecture is given). */
  public boolean wantsAccuracyLoss() {
    return model != null || (architecture != null && !architecture.isBlank());
  }

  /** Histograms and divergences only, with defaults. */
  public static ProfileOptions of(List<Path> partitions, Path out) {
    return new ProfileOptions(partitions, null, null, null, null, false, null, null, null, null, null, null, null, null,
        null, out);
  }
}
