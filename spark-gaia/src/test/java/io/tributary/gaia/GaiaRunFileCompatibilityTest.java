package io.tributary.gaia;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.asp.AspConfig;
import io.tributary.common.asp.AspGoal;
import io.tributary.common.asp.HubOverlay;
import io.tributary.common.lda.LdaCorpusSpec;
import io.tributary.common.link.LinkShape;
import io.tributary.gaia.deploy.GaiaRunConfig.GaiaSystem;
import io.tributary.gaia.deploy.GaiaRunConfig;
import io.tributary.gaia.deploy.IcSettings;
import io.tributary.gaia.deploy.MfSettings;
import io.tributary.gaia.deploy.TmSettings;
import io.tributary.gaia.ic.GeneratedImages;
import io.tributary.gaia.mf.MatrixFactorization;
import io.tributary.gaia.runtime.StopRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Run files written before the run file's sections went through the declared settings (pasted
 * below as that code wrote them) read with every value, and write back byte for byte.
 */
class GaiaRunFileCompatibilityTest {

  /** An MF run over three data centres with a hub overlay, TLS and a Spark master. */
  private static final String MF_GENERATED = """
      # Gaia run gaia-test
      app=mf
      asp.barrier=true
      asp.barrier_budget_ms=0
      asp.goal=OPTIMISE_SPEED
      asp.max_frame_bytes=65536
      asp.min_soft_ratio=0.1
      asp.shard_size=4096
      asp.staleness=4
      asp.threshold=0.2
      dc.dc0.address=127.0.0.1:0
      dc.dc0.region=virginia
      dc.dc0.workers=2
      dc.dc1.address=127.0.0.1:0
      dc.dc1.region=virginia
      dc.dc1.workers=2
      dc.dc2.address=127.0.0.1:0
      dc.dc2.region=virginia
      dc.dc2.workers=2
      dcs=dc0,dc1,dc2
      label=gaia-test
      link.dc0|dc1.bps=1.67E7
      link.dc0|dc1.latency_ms=165.0
      link.dc0|dc2.bps=1.67E7
      link.dc0|dc2.latency_ms=165.0
      link.dc1|dc2.bps=1.67E7
      link.dc1|dc2.latency_ms=165.0
      mf.data=generated
      mf.data_seed=7
      mf.item_skew=1.5
      mf.items=200
      mf.lambda=0.02
      mf.lr=0.05
      mf.noise=0.1
      mf.per_parameter_significance=true
      mf.rank=8
      mf.ratings_per_user=40
      mf.seed=3
      mf.true_rank=4
      mf.users=1200
      overlay=hubs
      overlay.group.A=dc0,dc1
      overlay.group.B=dc2
      overlay.hub.A.B=dc1
      overlay.hub.B.A=dc2
      ps.staleness=1
      spark.master=local[2]
      ssp.staleness=0
      stop.convergence=false
      stop.convergence_change=0.02
      stop.convergence_window=10
      stop.max_clocks=500
      stop.max_seconds=60.0
      stop.target=0.123
      system=gaia
      tls.dir=run/tls
      """;

  @Test
  void mfRunWithOverlayReadsEveryValue(@TempDir Path dir) throws Exception {
    GaiaRunConfig c = readBack(dir, MF_GENERATED);
    assertEquals("gaia-test", c.label());
    assertEquals(GaiaSystem.GAIA, c.system());
    assertEquals(List.of(new GaiaRunConfig.DataCentre("dc0", "virginia", 2, "127.0.0.1", 0),
        new GaiaRunConfig.DataCentre("dc1", "virginia", 2, "127.0.0.1", 0),
        new GaiaRunConfig.DataCentre("dc2", "virginia", 2, "127.0.0.1", 0)), c.dataCentres());
    for (String pair : List.of("dc0|dc1", "dc0|dc2", "dc1|dc2")) {
      assertEquals(new LinkShape(1.67e7, 165.0), c.shapes().get(pair), pair);
    }
    assertEquals(new AspConfig(0.2, 4, true, AspGoal.OPTIMISE_SPEED, 0.1, 4096, 65536, 0), c.asp());
    assertEquals(1, c.psStaleness());
    assertEquals(0, c.sspStaleness());
    assertEquals(new MfSettings(8, 0.05, 0.02, 3, new MatrixFactorization.LowRankSpec(1200, 200, 4, 40, 0.1, 1.5, 7),
        null, 0, true), c.mf());
    assertEquals(new HubOverlay(Map.of("A", List.of("dc0", "dc1"), "B", List.of("dc2")),
        Map.of("A", Map.of("B", "dc1"), "B", Map.of("A", "dc2"))), c.overlay());
    assertEquals(new StopRule(0.123, false, 0.02, 10, 500, 60.0), c.stop());
    assertEquals("run/tls", c.tlsDir());
    assertEquals("local[2]", c.sparkMaster());
  }

  @Test
  void mfRatingsFileReadsEveryValue(@TempDir Path dir) throws Exception {
    GaiaRunConfig c = readBack(dir, withApp("mf", """
        mf.data=file
        mf.file=data/ratings.dat
        mf.items=3706
        mf.lambda=0.02
        mf.lr=0.01
        mf.per_parameter_significance=false
        mf.rank=16
        mf.seed=1
        """));
    assertEquals(new MfSettings(16, 0.01, 0.02, 1, null, "data/ratings.dat", 3706, false), c.app());
  }

  @Test
  void topicModellingReadsEveryValue(@TempDir Path dir) throws Exception {
    GaiaRunConfig generated = readBack(dir, withApp("tm", """
        tm.alpha=0.5
        tm.beta=0.01
        tm.count_floor=1.0
        tm.data=generated
        tm.data_seed=9
        tm.doc_concentration=0.2
        tm.doc_length=20
        tm.documents=100
        tm.fold_in_iterations=20
        tm.held_out_docs=10
        tm.max_docs=0
        tm.max_vocabulary=0
        tm.seed=3
        tm.topic_concentration=0.05
        tm.topics=5
        tm.true_topics=4
        tm.vocabulary=50
        """));
    assertEquals(new TmSettings(new TmSettings.Lda(5, 0.5, 0.01, 3, 1.0, 20), new TmSettings.TmData("generated",
        new LdaCorpusSpec(100, 50, 4, 20, 0.2, 0.05, 9), 10, null, null, TmSettings.TextFolders.NONE, 0)),
        generated.app());
    String text = """
        tm.alpha=2.5
        tm.beta=0.01
        tm.count_floor=1.0
        tm.data=text
        tm.fold_in_iterations=20
        tm.held_out_docs=0
        tm.max_docs=50
        tm.max_vocabulary=10000
        tm.path=data/20news.tar.gz
        tm.seed=1
        tm.test_prefix=20news-bydate-test
        tm.topics=20
        tm.train_prefix=20news-bydate-train
        """;
    assertEquals(new TmSettings(new TmSettings.Lda(20, 2.5, 0.01, 1, 1.0, 20), new TmSettings.TmData("text", null, 0,
        "data/20news.tar.gz", null, new TmSettings.TextFolders("20news-bydate-train", "20news-bydate-test", 10000),
        50)), readBack(dir, withApp("tm", text)).app());
    // No held-out folder: an empty value, read as "" (not as absent).
    TmSettings noTest = (TmSettings) readBack(dir, withApp("tm", text.replace("=20news-bydate-test", "="))).app();
    assertEquals("", noTest.data().text().testPrefix());
    GaiaRunConfig docword = readBack(dir, withApp("tm", """
        tm.alpha=2.5
        tm.beta=0.01
        tm.count_floor=1.0
        tm.data=docword
        tm.fold_in_iterations=20
        tm.held_out_docs=500
        tm.max_docs=0
        tm.max_vocabulary=0
        tm.path=data/docword.kos.txt
        tm.seed=1
        tm.topics=20
        tm.vocab=data/vocab.kos.txt
        """));
    assertEquals(TmSettings.docword("data/docword.kos.txt", "data/vocab.kos.txt", 20, 2.5, 0.01, 1, 500, 0),
        docword.app());
    assertNull(((TmSettings) docword.app()).data().text().trainPrefix());
  }

  @Test
  void imageClassificationReadsEveryValue(@TempDir Path dir) throws Exception {
    GaiaRunConfig generated = readBack(dir, withApp("ic", """
        ic.architecture=gn-lenet
        ic.batch_size=16
        ic.batches_per_clock=2
        ic.classes=4
        ic.data=generated
        ic.data_seed=5
        ic.lr=0.05
        ic.momentum=0.9
        ic.noise=0.3
        ic.seed=4
        ic.side=8
        ic.test_limit=0
        ic.test_size=20
        ic.train_limit=0
        ic.train_size=100
        ic.weight_decay=1.0E-4
        """));
    assertEquals(new IcSettings(new IcSettings.Training("gn-lenet", 0.05, 0.9, 1e-4, 16, 2, 4),
        IcSettings.IcData.generated(new GeneratedImages(4, 8, 100, 20, 0.3, 5))), generated.app());
    GaiaRunConfig cifar = readBack(dir, withApp("ic", """
        ic.architecture=resnet20-gn
        ic.batch_size=32
        ic.batches_per_clock=4
        ic.data=cifar10
        ic.lr=0.05
        ic.momentum=0.9
        ic.path=data/cifar10-jpg.tar
        ic.seed=1
        ic.test_limit=1000
        ic.train_limit=12000
        ic.weight_decay=1.0E-4
        """));
    assertEquals(new IcSettings(new IcSettings.Training("resnet20-gn", 0.05, 0.9, 1e-4, 32, 4, 1),
        new IcSettings.IcData("cifar10", null, "data/cifar10-jpg.tar", 12000, 1000)), cifar.app());
  }

  @Test
  void aMissingOrBadSectionValueNamesItsKey(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("run.properties");
    Files.writeString(f, MF_GENERATED.replace("mf.users=1200\n", ""));
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> GaiaRunConfig.read(f));
    assertTrue(missing.getMessage().contains("missing key 'mf.users'"), missing.getMessage());
    Files.writeString(f, MF_GENERATED.replace("asp.goal=OPTIMISE_SPEED", "asp.goal=fast"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> GaiaRunConfig.read(f));
    assertTrue(bad.getMessage().contains("run.properties") && bad.getMessage().contains("'asp.goal'")
        && bad.getMessage().contains("fast"), bad.getMessage());
  }

  /** {@link #MF_GENERATED} with {@code app} and its section in place of MF's, keys sorted as the writer sorts them. */
  private static String withApp(String app, String section) {
    Map<String, String> lines = new TreeMap<>();
    for (String l : MF_GENERATED.split("\n")) {
      if (!l.startsWith("#") && !l.startsWith("mf.")) {
        lines.put(l.substring(0, l.indexOf('=')), l);
      }
    }
    for (String l : section.split("\n")) {
      lines.put(l.substring(0, l.indexOf('=')), l);
    }
    lines.put("app", "app=" + app);
    return "# Gaia run gaia-test\n" + String.join("\n", lines.values()) + "\n";
  }

  /** Reads {@code text} as a run file and checks that writing it back gives the same bytes. */
  private static GaiaRunConfig readBack(Path dir, String text) throws Exception {
    Path f = dir.resolve("old.properties");
    Files.writeString(f, text);
    GaiaRunConfig c = GaiaRunConfig.read(f);
    Path again = dir.resolve("again.properties");
    c.write(again);
    assertEquals(text, Files.readString(again));
    return c;
  }
}
