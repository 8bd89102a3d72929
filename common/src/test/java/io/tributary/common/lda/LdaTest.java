package io.tributary.common.lda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.SignificanceFunction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Collapsed Gibbs LDA in its parameter-server form: counts stay consistent, the fit improves. */
class LdaTest {
  private static final LdaCorpusSpec SPEC = new LdaCorpusSpec(400, 300, 8, 60, 0.2, 0.05, 5);
  private static final LdaModel MODEL = new LdaModel(8, 300, 0.1, 0.01);

  private static List<LdaShard> shards(int n) {
    double[] topics = SPEC.cumulativeTopics();
    List<List<int[]>> docs = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      docs.add(new ArrayList<>());
    }
    for (int d = 0; d < SPEC.documents(); d++) {
      docs.get(d % n).add(SPEC.document(d, topics));
    }
    List<LdaShard> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      out.add(LdaShard.create(MODEL, docs.get(s), 100 + s));
    }
    return out;
  }

  /**
   * Two workers sweep against the same shared counts each clock (BSP) and their changes are summed:
   * the counts then always equal those of the current assignments, and the per-token
   * log-likelihood rises well above a uniform model's while held-out perplexity falls.
   */
  @Test
  void workersSharingCountsConvergeAndKeepCountsConsistent() {
    List<LdaShard> shards = shards(2);
    float[] shared = new float[MODEL.parameterCount()];
    double first = Double.NaN;
    double last = Double.NaN;
    double perplexityBefore = Double.NaN;
    List<int[]> heldOut = SPEC.heldOut(60);
    for (int clock = 1; clock <= 40; clock++) {
      float[] sum = new float[shared.length];
      double ll = 0;
      long tokens = 0;
      for (int s = 0; s < shards.size(); s++) {
        float[] copy = shared.clone();
        LdaShard.Sweep sw = shards.get(s).sweep(copy, clock);
        shards.set(s, sw.shard());
        for (int i = 0; i < copy.length; i++) {
          sum[i] += copy[i] - shared[i];
        }
        ll += sw.logLikelihood();
        tokens += sw.tokens();
      }
      for (int i = 0; i < shared.length; i++) {
        shared[i] += sum[i];
      }
      if (clock == 1) {
        first = ll / tokens;
        perplexityBefore = MODEL.heldOutPerplexity(shared, heldOut, 10, 1);
      }
      last = ll / tokens;
    }
    float[] expected = new float[shared.length];
    for (LdaShard s : shards) {
      s.addCounts(expected);
    }
    for (int i = 0; i < shared.length; i++) {
      assertEquals(expected[i], shared[i], 0f, "count " + i + " disagrees with the assignments");
    }
    double uniform = -Math.log(MODEL.vocabulary());
    assertTrue(last > first + 0.3, "log-likelihood per token rises: " + first + " -> " + last);
    assertTrue(last > uniform + 1.0, "well above a uniform model (" + uniform + "): " + last);
    double perplexity = MODEL.heldOutPerplexity(shared, heldOut, 20, 1);
    assertTrue(perplexity < 0.7 * perplexityBefore && perplexity < MODEL.vocabulary() / 3.0,
        "held-out perplexity falls: " + perplexityBefore + " -> " + perplexity);
    assertEquals(8, MODEL.topWords(shared, 5).size());
  }

  /**
   * {@link LdaShard#logLikelihood} scores a shard against given counts without sampling or changing
   * them: it rises as two workers train, and a shard scored against counts missing its own
   * assignments (what another data centre would hold) scores lower than against counts holding
   * them, which is why Gaia scores the shared counts rather than a data centre's own copy.
   */
  @Test
  void scoringLeavesCountsAloneRisesWithTrainingAndIsFlatteredByOwnCounts() {
    List<LdaShard> shards = shards(2);
    float[] shared = new float[MODEL.parameterCount()];
    double early = Double.NaN;
    for (int clock = 1; clock <= 30; clock++) {
      float[] sum = new float[shared.length];
      for (int s = 0; s < 2; s++) {
        float[] copy = shared.clone();
        shards.set(s, shards.get(s).sweep(copy, clock).shard());
        for (int i = 0; i < copy.length; i++) {
          sum[i] += copy[i] - shared[i];
        }
      }
      for (int i = 0; i < shared.length; i++) {
        shared[i] += sum[i];
      }
      if (clock == 1) {
        early = shards.get(0).logLikelihood(shared) / shards.get(0).numTokens();
      }
    }
    float[] before = shared.clone();
    double late = shards.get(0).logLikelihood(shared) / shards.get(0).numTokens();
    assertTrue(Arrays.equals(before, shared), "scoring changed the counts");
    assertTrue(late > early + 0.3, "the score rises with training: " + early + " -> " + late);
    float[] othersOnly = new float[shared.length];
    shards.get(1).addCounts(othersOnly);
    double without = shards.get(0).logLikelihood(othersOnly) / shards.get(0).numTokens();
    float[] ownOnly = new float[shared.length];
    shards.get(0).addCounts(ownOnly);
    double own = shards.get(0).logLikelihood(ownOnly) / shards.get(0).numTokens();
    assertTrue(own > without, "a shard scores better against its own counts (" + own + ") than against the other"
        + " worker's (" + without + ")");
  }

  @Test
  void sweepsAreReproducibleAndDoNotChangeTheirInput() {
    LdaShard s = shards(1).get(0);
    float[] a = new float[MODEL.parameterCount()];
    float[] b = new float[MODEL.parameterCount()];
    LdaShard.Sweep x = s.sweep(a, 3);
    LdaShard.Sweep y = s.sweep(b, 3);
    assertEquals(x.logLikelihood(), y.logLikelihood(), 0.0);
    assertTrue(Arrays.equals(a, b));
    assertTrue(!s.contributed() && x.shard().contributed(), "a sweep returns a new shard");
  }

  @Test
  void countSignificanceIsRelativeToTheCountOthersHold() {
    double[] out = new double[3];
    // A count 50 -> 51 (value 51, accumulated +1): 2%. An empty cell -> 1: 100% with floor 1. Nothing: 0.
    SignificanceFunction.relativeCount(1).evaluate(new float[] {1f, 1f, 0f}, new float[] {51f, 1f, 7f}, 0, 3, out);
    assertEquals(0.02, out[0], 1e-9);
    assertEquals(1.0, out[1], 1e-9);
    assertEquals(0.0, out[2]);
    assertThrows(IllegalArgumentException.class, () -> SignificanceFunction.relativeCount(0));
  }

  @Test
  void badInputIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> new LdaModel(1, 10, 0.1, 0.1));
    assertThrows(IllegalArgumentException.class,
        () -> LdaShard.create(MODEL, List.of(new int[] {MODEL.vocabulary()}), 1));
    assertThrows(IllegalArgumentException.class, () -> shards(1).get(0).sweep(new float[3], 1));
  }
}
