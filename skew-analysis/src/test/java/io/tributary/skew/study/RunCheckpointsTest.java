package io.tributary.skew.study;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.protocol.ProtocolSpec;
import io.tributary.common.protocol.SgdConfig;
import io.tributary.common.protocol.StepDecay;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The study's checkpoints: a run saved as JSON reads back field for field (NaN included); a
 * checkpoint of another configuration, a damaged one and a Java-serialised one (what older versions
 * wrote) are not used, and the serialised one is never deserialised.
 */
class RunCheckpointsTest {
  @TempDir Path dir;

  static final AtomicBoolean TRIPPED = new AtomicBoolean();

  /** Observable deserialisation. */
  static final class Tripwire implements Serializable {
    private static final long serialVersionUID = 1L;

    private Object readResolve() {
      TRIPPED.set(true);
      return this;
    }
  }

  static StudyRun run(String id, long seed) {
    ProtocolSpec p = ProtocolSpec.parse("gaia:0.1");
    return new StudyRun(id, new StudyRun.Data("cifar10", 10, 10, "noniid:60", 5), "bn-lenet", 2, p, p.knob(),
        new StudyRun.Training(20, 4, new StepDecay(0.01, 10, new double[] {2, 3}), SgdConfig.PAPER, seed, 1, 100));
  }

  static RunResult result(StudyRun run) {
    return new RunResult(run, null,
        new RunResult.Execution(100, 50, new int[] {20, 20, 20, 20, 20}, "class histogram\n0: 20 20", 10, 12.5, true),
        new RunResult.Curve(new double[] {1, 2}, new double[] {0.25, Double.NaN}, new double[] {2, 1},
            new double[] {0.3, 0.5}, new long[] {1000, 2000}),
        new RunResult.Accuracy(0.5, Double.NaN, new double[] {0.5, 0.4, 0.6, 0.5, 0.5}),
        new RunResult.Traffic(2000, new long[] {400, 400, 400, 400, 400}, 5),
        new RunResult.BatchNorm(Double.NaN, new double[] {0.1, Double.POSITIVE_INFINITY}),
        Map.of("significant_fraction", 0.25, "residual_delta", Double.NaN));
  }

  @Test
  void aSavedRunReadsBackFieldForField() throws Exception {
    RunResult r = result(run("r001", 1));

    SkewStudy.saveCheckpoint(dir, r);
    RunResult back = SkewStudy.loadCheckpoint(dir, run("r001", 1));

    assertNotNull(back);
    assertTrue(Files.readString(SkewStudy.checkpointFile(dir, r.run()), StandardCharsets.UTF_8).contains("\"study-run\""));
    assertEquals(r.run().describe(), back.run().describe());
    assertNull(back.error());
    assertEquals(r.partitionHistogram(), back.partitionHistogram());
    assertArrayEquals(r.partitionSizes(), back.partitionSizes());
    assertArrayEquals(r.curveTop1(), back.curveTop1());
    assertArrayEquals(r.curveBytes(), back.curveBytes());
    assertArrayEquals(r.bnDivergencePerChannel(), back.bnDivergencePerChannel());
    assertArrayEquals(r.bytesPerPartition(), back.bytesPerPartition());
    assertEquals(r.top1(), back.top1());
    assertTrue(Double.isNaN(back.top1AveragedModel()) && Double.isNaN(back.bnDivergence()));
    assertEquals(r.seconds(), back.seconds());
    assertTrue(back.diverged());
    assertEquals(r.diagnostics(), back.diagnostics());
    assertEquals(r.steps(), back.steps());
    assertEquals(r.messages(), back.messages());
  }

  @Test
  void aCheckpointOfAnotherConfigurationIsNotUsed() throws Exception {
    SkewStudy.saveCheckpoint(dir, result(run("r001", 1)));
    Path saved = SkewStudy.checkpointFile(dir, run("r001", 1));
    // The same name, another configuration (as if the hashes collided): the stored config decides.
    Files.move(saved, SkewStudy.checkpointFile(dir, run("r001", 2)));

    assertNull(SkewStudy.loadCheckpoint(dir, run("r001", 2)));
  }

  @Test
  void damagedCheckpointsAreReRunNotTrusted() throws Exception {
    SkewStudy.saveCheckpoint(dir, result(run("r001", 1)));
    Path f = SkewStudy.checkpointFile(dir, run("r001", 1));
    byte[] whole = Files.readAllBytes(f);

    for (int cut : new int[] {0, 1, whole.length / 3, whole.length - 2}) {
      Files.write(f, Arrays.copyOf(whole, cut));
      assertNull(SkewStudy.loadCheckpoint(dir, run("r001", 1)), "truncated at " + cut);
    }
    Files.writeString(f, new String(whole, StandardCharsets.UTF_8).replace("\"trainSamples\"", "\"trainSamples2\""));
    assertNull(SkewStudy.loadCheckpoint(dir, run("r001", 1)), "an unknown field");
  }

  @Test
  void aJavaSerialisedCheckpointIsRefusedWithoutDeserialisingIt() throws Exception {
    TRIPPED.set(false);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(b)) {
      out.writeObject(new Tripwire());
    }
    StudyRun run = run("r001", 1);
    Files.createDirectories(dir);
    // Where this version looks, and where older versions wrote (.bin).
    Files.write(SkewStudy.checkpointFile(dir, run), b.toByteArray());
    Files.write(dir.resolve(run.id() + "-" + Integer.toHexString(run.describe().toString().hashCode()) + ".bin"),
        b.toByteArray());

    assertNull(SkewStudy.loadCheckpoint(dir, run));
    assertFalse(TRIPPED.get(), "a serialised object was deserialised");
  }
}
