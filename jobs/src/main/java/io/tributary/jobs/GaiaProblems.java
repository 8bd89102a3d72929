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
    return new io.tributary.gaia.launch.GaiaCli.Problem(o.app,
        new io.tributary.gaia.launch.GaiaCli.MfOptions(o.users, o.items, o.trueRank, o.ratingsPerUser, o.noise,
            o.itemSkew, o.dataSeed, o.ratings, o.rank, o.lr, o.lambda),
        new io.tributary.gaia.launch.GaiaCli.TmOptions(o.corpus, o.topics, o.alpha, o.beta, o.maxVocabulary,
            o.maxDocs, o.heldOutDocs, o.documents, o.vocabulary, o.trueTopics, o.docLength, o.dataSeed),
        new io.tributary.gaia.launch.GaiaCli.IcOptions(o.images, o.arch, o.lr, o.momentum, o.weightDecay, o.batch,
            o.batchesPerClock, o.trainImages, o.testImages),
        o.threshold, o.staleness, !o.noBarrier, o.goal, o.shardSize);
  }
}
