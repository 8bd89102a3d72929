package io.tributary.gaia.deploy;

import io.tributary.common.config.Setting;
import io.tributary.common.config.Settings;
import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.options.MfOptions;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The matrix-factorisation application's settings (thesis §5.4.2): the model, and its ratings,
 * generated or read from a file. The run file holds them in its {@code mf.} section.
 *
 * @param rank model rank
 * @param learningRate initial SGD step size (decays as lr / sqrt(t))
 * @param lambda L2 regularisation
 * @param seed model initialisation seed
 * @param generated the generated matrix (null when reading {@code file})
 * @param file ratings file (null when generated)
 * @param items item count for a file (0: one more than its largest item id)
 * @param perParameterSignificance use |acc/value| per parameter instead of per item vector
 */
public record MfSettings(int rank, double learningRate, double lambda, long seed,
    MatrixFactorization.LowRankSpec generated, String file, int items, boolean perParameterSignificance)
    implements AppSettings {
  public MfSettings {
    if (rank < 1) {
      throw new IllegalArgumentException("MF rank must be >= 1, got " + rank);
    }
    if ((generated == null) == (file == null)) {
      throw new IllegalArgumentException("MF needs either generated data or a ratings file, not both or neither");
    }
  }

  @Override
  public String name() {
    return "mf";
  }

  @Override
  public GaiaApp<? extends Serializable> build() throws IOException {
    MatrixFactorization m = generated != null
        ? MatrixFactorization.generated(generated, rank, learningRate, lambda, seed)
        : MatrixFactorization.fromFile(file, items, rank, learningRate, lambda, seed);
    return perParameterSignificance ? m.withPerParameterSignificance() : m;
  }

  /** Ratings from a generated matrix or a file: the run file's {@code mf.data}. */
  static final Setting<String> DATA = Setting.key("data").stringType().noDefaultValue()
      .withDescription("MF data: generated or file.");

  /** Model initialisation seed (the CLI uses 1). */
  static final Setting<Long> SEED = Setting.key("seed").longType().noDefaultValue()
      .withDescription("MF model initialisation seed.");

  /** Significance per parameter instead of per item vector. */
  static final Setting<Boolean> PER_PARAMETER_SIGNIFICANCE = Setting.key("per-parameter-significance").flag()
      .withDescription("MF: significance |acc/value| per parameter instead of per item vector.");

  /** The {@code mf.} section of the run file; {@code --ratings} is {@code mf.file}. */
  private static final RunFileSection FILE = RunFileSection.of("mf", List.of(MfOptions.RANK, MfOptions.LR,
      MfOptions.LAMBDA, SEED, PER_PARAMETER_SIGNIFICANCE, DATA, MfOptions.USERS, MfOptions.ITEMS,
      MfOptions.TRUE_RANK, MfOptions.RATINGS_PER_USER, MfOptions.NOISE, MfOptions.ITEM_SKEW, MfOptions.DATA_SEED,
      MfOptions.RATINGS)).renaming(MfOptions.RATINGS, "file");

  @Override
  public void write(Map<String, String> p) {
    Settings s = Settings.empty().with(MfOptions.RANK, rank).with(MfOptions.LR, learningRate)
        .with(MfOptions.LAMBDA, lambda).with(SEED, seed).with(PER_PARAMETER_SIGNIFICANCE, perParameterSignificance);
    if (generated != null) {
      MatrixFactorization.LowRankSpec g = generated;
      s = s.with(DATA, "generated").with(MfOptions.USERS, g.users()).with(MfOptions.ITEMS, g.items())
          .with(MfOptions.TRUE_RANK, g.trueRank()).with(MfOptions.RATINGS_PER_USER, g.ratingsPerUser())
          .with(MfOptions.NOISE, g.noise()).with(MfOptions.ITEM_SKEW, g.itemSkew())
          .with(MfOptions.DATA_SEED, g.seed());
    } else {
      s = s.with(DATA, "file").with(MfOptions.RATINGS, file).with(MfOptions.ITEMS, items);
    }
    FILE.write(s, p);
  }

  static MfSettings read(Properties p) {
    Settings s = FILE.read(p);
    int rank = FILE.require(s, MfOptions.RANK);
    double lr = FILE.require(s, MfOptions.LR);
    double lambda = FILE.require(s, MfOptions.LAMBDA);
    long seed = FILE.require(s, SEED);
    boolean perParameter = FILE.require(s, PER_PARAMETER_SIGNIFICANCE);
    if ("generated".equals(FILE.require(s, DATA))) {
      return new MfSettings(rank, lr, lambda, seed,
          new MatrixFactorization.LowRankSpec(FILE.require(s, MfOptions.USERS), FILE.require(s, MfOptions.ITEMS),
              FILE.require(s, MfOptions.TRUE_RANK), FILE.require(s, MfOptions.RATINGS_PER_USER),
              FILE.require(s, MfOptions.NOISE), FILE.require(s, MfOptions.ITEM_SKEW),
              FILE.require(s, MfOptions.DATA_SEED)),
          null, 0, perParameter);
    }
    return new MfSettings(rank, lr, lambda, seed, null, FILE.require(s, MfOptions.RATINGS),
        FILE.require(s, MfOptions.ITEMS), perParameter);
  }
}
