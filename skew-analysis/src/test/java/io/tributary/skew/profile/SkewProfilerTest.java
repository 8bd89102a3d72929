package io.tributary.skew.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.config.Settings;
import io.tributary.skew.options.ProfileOptions;
import io.tributary.skew.options.SkewTrainingOptions;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The skew profiler on generated partitions: Parquet written with Spark, and image folders. */
class SkewProfilerTest {
  static final int DIMS = 16;

  /** Class c's features: a Gaussian blob around a fixed random centre. */
  static float[] features(int c, Random r) {
    Random centre = new Random(100 + c);
    float[] x = new float[DIMS];
    for (int d = 0; d < DIMS; d++) {
      x[d] = (float) (3 * centre.nextGaussian() + 0.5 * r.nextGaussian());
    }
    return x;
  }

  /**
   * Three partitions of 4 classes: P0 holds classes 0 and 1 (100 rows, features as float arrays),
   * P1 classes 2 and 3 (100 rows, double arrays), P2 all four (200 rows, Spark ML vectors).
   */
  static List<Path> writeParquet(Path dir) {
    SparkSession spark = SparkSession.builder().master("local[2]").appName("profile-test")
        .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
    try {
      Random r = new Random(5);
      List<Path> paths = new ArrayList<>();
      int[][] classes = {{0, 1}, {2, 3}, {0, 1, 2, 3}};
      int[] sizes = {100, 100, 200};
      for (int k = 0; k < 3; k++) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sizes[k]; i++) {
          int c = classes[k][i % classes[k].length];
          float[] x = features(c, r);
          Object f;
          if (k == 0) {
            List<Float> l = new ArrayList<>();
            for (float v : x) {
              l.add(v);
            }
            f = l;
          } else {
            double[] d = new double[DIMS];
            for (int j = 0; j < DIMS; j++) {
              d[j] = x[j];
            }
            f = k == 1 ? Arrays.stream(d).boxed().toList() : Vectors.dense(d);
          }
          rows.add(RowFactory.create(c, f));
        }
        StructType schema = new StructType()
            .add("label", DataTypes.IntegerType)
            .add("features", k == 0 ? DataTypes.createArrayType(DataTypes.FloatType)
                : k == 1 ? DataTypes.createArrayType(DataTypes.DoubleType) : new VectorUDT());
        Path p = dir.resolve("part" + k);
        spark.createDataFrame(rows, schema).coalesce(1).write().parquet(p.toString());
        paths.add(p);
      }
      return paths;
    } finally {
      spark.stop();
    }
  }

  /** Histograms and divergences only, with defaults. */
  static Settings of(List<Path> partitions, Path out) {
    return Settings.empty().with(ProfileOptions.PARTITIONS, partitions).with(SkewTrainingOptions.OUT, out);
  }

  static SkewProfile profile(Settings o) throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    return SkewProfiler.profile(o, new PrintStream(b, true, StandardCharsets.UTF_8));
  }

  @Test
  void parquetPartitionsGiveHistogramsDivergencesAndAnAccuracyLossMatrix(@TempDir Path dir) throws Exception {
    List<Path> parts = writeParquet(dir);
    Path out = dir.resolve("report");
    SkewProfile p = profile(of(parts, out).with(ProfileOptions.ARCHITECTURE, "mlp")
        .with(ProfileOptions.LOCAL_STEPS, 200).with(ProfileOptions.LR, 0.01)
        .with(SkewTrainingOptions.BATCH_SIZE, 16).with(ProfileOptions.SAMPLE, 100)
        .with(ProfileOptions.MAX_SAMPLES, 0).with(SkewTrainingOptions.SEED, 2L)
        .with(SkewTrainingOptions.MASTER, "local[2]"));
    assertArrayEquals(new long[] {50, 50, 0, 0}, p.histograms()[0]);
    assertArrayEquals(new long[] {0, 0, 50, 50}, p.histograms()[1]);
    assertArrayEquals(new long[] {50, 50, 50, 50}, p.histograms()[2]);
    assertEquals(List.of("0", "1", "2", "3"), p.classNames());
    assertEquals(1.0, p.jensenShannon()[0][1], 1e-12, "disjoint labels");
    // JS({.5,.5,0,0}, {.25,.25,.25,.25}) = (log2(4/3) + (1 - log2(1.5)) / 2) / 2
    double log2 = Math.log(2);
    double expected = (Math.log(4.0 / 3) / log2 + (1 - Math.log(1.5) / log2) / 2) / 2;
    assertEquals(expected, p.jensenShannon()[0][2], 1e-12);
    assertEquals(2.0, p.earthMovers()[0][1], 1e-12);
    assertEquals(1.0, p.earthMovers()[0][2], 1e-12);
    assertEquals(Math.sqrt(20000.0 / 9) / (400.0 / 3), p.quantity().coefficientOfVariation(), 1e-9);
    assertEquals(2.0, p.quantity().maxOverMin());

    var al = p.accuracyLoss();
    assertNotNull(al);
    double[][] acc = al.accuracy();
    double[][] loss = al.loss();
    assertTrue(acc[0][0] > 0.9 && acc[1][1] > 0.9, "each model learns its own classes");
    assertTrue(acc[0][1] < 0.1, "P0's model has never seen P1's classes: " + acc[0][1]);
    assertTrue(loss[0][1] > 0.8 && loss[1][0] > 0.8, "disjoint partitions lose almost everything");
    assertTrue(loss[0][2] > 0.3 && loss[0][2] < 0.7, "P0's model knows half of P2's classes: " + loss[0][2]);
    assertTrue(Math.abs(loss[2][0]) < 0.1, "the IID partition's model does well everywhere: " + Arrays.deepToString(acc));
    for (String f : List.of("histograms.csv", "divergence.csv", "accuracy_loss.csv", "accuracy.csv", "summary.json",
        "report.txt")) {
      assertTrue(Files.size(out.resolve(f)) > 0, f);
    }
    for (String png : List.of("accuracy_loss.png", "jensen_shannon.png", "label_shares.png")) {
      byte[] b = Files.readAllBytes(out.resolve(png));
      assertTrue(b.length > 1000 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G', png);
    }
    String summary = Files.readString(out.resolve("summary.json"));
    assertTrue(summary.contains("\"mean_accuracy_loss\"") && summary.contains("\"mean_jensen_shannon\""), summary);
  }

  static void png(Path file, Color color, Random r) throws Exception {
    BufferedImage img = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < 12; y++) {
      for (int x = 0; x < 12; x++) {
        int noise = r.nextInt(40);
        img.setRGB(x, y, new Color(Math.min(255, color.getRed() + noise), Math.min(255, color.getGreen() + noise),
            Math.min(255, color.getBlue() + noise)).getRGB());
      }
    }
    Files.createDirectories(file.getParent());
    ImageIO.write(img, "png", file.toFile());
  }

  @Test
  void imageFoldersAlignTheirClassesAndProfileWithoutSpark(@TempDir Path dir) throws Exception {
    Random r = new Random(1);
    // P0: cat x6, dog x4; P1: dog x5, bird x5 (no cat folder)
    for (int i = 0; i < 6; i++) {
      png(dir.resolve("p0/cat/" + i + ".png"), Color.RED, r);
    }
    for (int i = 0; i < 4; i++) {
      png(dir.resolve("p0/dog/" + i + ".png"), Color.BLUE, r);
    }
    for (int i = 0; i < 5; i++) {
      png(dir.resolve("p1/dog/" + i + ".png"), Color.BLUE, r);
      png(dir.resolve("p1/bird/" + i + ".png"), Color.GREEN, r);
    }
    Path out = dir.resolve("report");
    SkewProfile p = profile(of(List.of(dir.resolve("p0"), dir.resolve("p1")), out)
        .with(ProfileOptions.IMAGE_SIZE, 8).with(ProfileOptions.ARCHITECTURE, "mlp")
        .with(ProfileOptions.LOCAL_STEPS, 40).with(ProfileOptions.LR, 0.05)
        .with(SkewTrainingOptions.BATCH_SIZE, 8).with(ProfileOptions.SAMPLE, 10)
        .with(ProfileOptions.MAX_SAMPLES, 0).with(SkewTrainingOptions.SEED, 1L));
    assertEquals(List.of("bird", "cat", "dog"), p.classNames());
    assertArrayEquals(new long[] {0, 6, 4}, p.histograms()[0]);
    assertArrayEquals(new long[] {5, 0, 5}, p.histograms()[1]);
    assertEquals(Math.abs(0 - 0.5) + Math.abs(0.6 - 0) + Math.abs(0.4 - 0.5), p.earthMovers()[0][1], 1e-12);
    assertEquals(1.0, p.quantity().maxOverMin());
    assertTrue(p.accuracyLoss().loss()[0][1] > 0.3, "cat/dog model fails on birds");
    assertTrue(Files.exists(out.resolve("accuracy_loss.png")));

    SkewProfile labelsOnly = profile(of(List.of(dir.resolve("p0"), dir.resolve("p1")), out));
    assertNull(labelsOnly.accuracyLoss());
  }

  @Test
  void badPartitionsAreNamed(@TempDir Path dir) throws Exception {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
        () -> profile(of(List.of(dir.resolve("nope"), dir.resolve("nada")), dir.resolve("o"))));
    assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    List<Path> parts = writeParquet(dir);
    IllegalArgumentException column = assertThrows(IllegalArgumentException.class, () -> profile(of(parts,
        dir.resolve("o")).with(ProfileOptions.LABEL_COLUMN, "class").with(SkewTrainingOptions.MASTER, "local[1]")));
    assertTrue(column.getMessage().contains("'class'") && column.getMessage().contains("part0"), column.getMessage());
    IllegalArgumentException one = assertThrows(IllegalArgumentException.class,
        () -> profile(of(List.of(parts.get(0)), dir.resolve("o"))));
    assertTrue(one.getMessage().contains("at least 2"), one.getMessage());
  }
}
