package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.gaia.app.GaiaApp;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.mf.MfWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MF data: rating files and generated matrices are split by user over data centres and workers. */
class MfDataTest {

  @Test
  void movieLensFileIsSplitByUserOverDataCentresAndWorkers(@TempDir Path dir) throws Exception {
    StringBuilder sb = new StringBuilder();
    int n = 0;
    for (int u = 1; u <= 40; u++) {
      for (int i = 0; i < 5; i++) {
        sb.append(u).append("::").append((u * 7 + i * 13) % 50).append("::").append(1 + (u + i) % 5).append("::9\n");
        n++;
      }
    }
    Path f = dir.resolve("ratings.dat");
    Files.writeString(f, sb.toString());
    MatrixFactorization mf = MatrixFactorization.fromFile(f.toString(), 0, 4, 0.01, 0.01, 1);
    assertEquals(50, mf.items(), "items = largest item id + 1");
    int total = 0;
    Set<Long> seen = new HashSet<>();
    for (int dc = 0; dc < 2; dc++) {
      List<MfWorker> ws = mf.workers(GaiaTestSupport.spark(), dc, 2, 2).collect();
      assertEquals(2, ws.size());
      for (MfWorker w : ws) {
        total += w.ratings();
        for (long u : w.userIds()) {
          assertTrue(seen.add(u), "user " + u + " lives on one worker only");
          assertEquals(dc, MatrixFactorization.dataCentreOf(u, 2));
        }
      }
    }
    assertEquals(n, total, "every rating is on exactly one worker");
    assertEquals(40, seen.size());
  }

  @Test
  void nonIntegerItemIdsAreRejectedWithTheFileName(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("bad.csv");
    Files.writeString(f, "1,item-a,4\n2,item-b,3\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> MatrixFactorization.fromFile(f.toString(), 0, 4, 0.01, 0.01, 1));
    assertTrue(e.getMessage().contains("bad.csv") && e.getMessage().contains("item-a"), e.getMessage());
  }

  @Test
  void generatedMatrixIsTheSameWhereverItIsBuiltAndStepsReduceTheError() {
    MatrixFactorization.LowRankSpec spec = GaiaTestSupport.smallMatrix();
    MatrixFactorization mf = MatrixFactorization.generated(spec, 8, 0.05, 0.02, 3);
    List<MfWorker> a = mf.workers(GaiaTestSupport.spark(), 1, 2, 2).collect();
    List<MfWorker> b = mf.workers(GaiaTestSupport.spark(), 1, 2, 2).collect();
    int ratings = 0;
    for (int p = 0; p < 2; p++) {
      assertEquals(a.get(p).ratings(), b.get(p).ratings());
      ratings += a.get(p).ratings();
    }
    assertTrue(Math.abs(ratings - spec.ratings() / 2.0) < spec.ratings() * 0.1, "about half the ratings: " + ratings);
    float[] r = mf.initialParameters();
    MfWorker w = a.get(0);
    double first = 0;
    double last = 0;
    for (int t = 1; t <= 15; t++) {
      GaiaApp.Step<MfWorker> s = mf.step(w, r, t);
      for (int i = 0; i < r.length; i++) {
        r[i] += s.delta()[i];
      }
      w = s.worker();
      if (t == 1) {
        first = s.stats()[0] / s.stats()[1];
      }
      last = s.stats()[0] / s.stats()[1];
    }
    assertTrue(last < first / 2, "one worker alone fits its ratings: " + first + " -> " + last);
  }
}
