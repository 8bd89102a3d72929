package io.tributary.jobs;

/**
 * Turns the {@code gaia} commands' problem options into spark-gaia's {@code GaiaCli.Problem}.
 *
 * <p>Kept out of {@link GaiaCommand.ProblemOptions} on purpose: picocli reflects over every method
 * of a command or mixin class, so a method there whose signature names a spark-gaia type makes the
 * whole command line fail to start where spark-gaia is absent (the Flink job jar).
 */
final class GaiaProblems {
  private GaiaProblems() {}

  static io.tributary.gaia.launch.GaiaCli.Problem of(GaiaCommand.ProblemOptions o) {
    return new io.tributary.gaia.launch.GaiaCli.Problem(o.app, o.users, o.items, o.trueRank, o.ratingsPerUser, o.noise, o.itemSkew,
        o.dataSeed, o.ratings, o.rank, o.lr, o.lambda, o.threshold, o.staleness, !o.noBarrier, o.goal, o.shardSize);
  }
}
