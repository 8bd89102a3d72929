package io.tributary.skew.profile;

import io.tributary.common.config.Settings;
import io.tributary.common.data.ImageFolderReader;
import io.tributary.common.data.LabeledDataset;
import io.tributary.skew.options.ProfileOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Reads users' partitions for the profiler: Parquet files or directories (read with Spark; the
 * label histogram is a Spark aggregation) and image folders ({@link ImageFolderReader}). Labels
 * are aligned across partitions: integer labels keep their values (classes 0..max), string
 * labels and class folders are the sorted union over all partitions.
 */
final class PartitionLoader {
  private PartitionLoader() {}

  /** A loaded partition: its label histogram, and its samples when they were asked for. */
  record Loaded(Path path, String kind, long[] histogram, LabeledDataset data) {}

  /** The loaded partitions and their common class names. */
  record Partitions(List<Loaded> partitions, List<String> classNames) {}

  static boolean isParquet(Path p) throws IOException {
    if (Files.isRegularFile(p)) {
      return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".parquet");
    }
    if (!Files.isDirectory(p)) {
      return false;
    }
    try (Stream<Path> s = Files.list(p)) {
      return s.anyMatch(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".parquet"));
    }
  }

  /**
   * Loads every partition.
   *
   * @param spark a session (needed only for Parquet partitions; may be null otherwise)
   * @param withSamples whether to load samples (for the accuracy-loss matrix), not only labels
   * @throws IllegalArgumentException naming the partition when it is missing or malformed
   */
  static Partitions load(SparkSession spark, Settings o, boolean withSamples) throws IOException {
    if (o.get(ProfileOptions.PARTITIONS).size() < 2) {
      throw new IllegalArgumentException("a skew profile needs at least 2 partitions, got " + o.get(ProfileOptions.PARTITIONS).size());
    }
    List<Path> parquet = new ArrayList<>();
    List<Path> images = new ArrayList<>();
    for (Path p : o.get(ProfileOptions.PARTITIONS)) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("partition " + p + " does not exist");
      }
      if (isParquet(p)) {
        parquet.add(p);
      } else if (Files.isDirectory(p)) {
        images.add(p);
      } else {
        throw new IllegalArgumentException("partition " + p + " is neither a Parquet file/directory nor an image "
            + "folder (<dir>/<class>/*.png|jpg)");
      }
    }
    if (!parquet.isEmpty() && !images.isEmpty()) {
      throw new IllegalArgumentException("partitions mix Parquet (" + parquet.get(0) + ") and image folders ("
          + images.get(0) + "); give one kind");
    }
    return parquet.isEmpty() ? loadImages(o, withSamples) : loadParquet(spark, o, withSamples);
  }

  private static Partitions loadImages(Settings o, boolean withSamples) throws IOException {
    TreeSet<String> classes = new TreeSet<>();
    for (Path p : o.get(ProfileOptions.PARTITIONS)) {
      try (Stream<Path> s = Files.list(p)) {
        s.filter(Files::isDirectory).forEach(d -> classes.add(d.getFileName().toString()));
      }
    }
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("image folders " + o.get(ProfileOptions.PARTITIONS) + " hold no class folders");
    }
    List<String> names = List.copyOf(classes);
    int size = o.get(ProfileOptions.IMAGE_SIZE);
    ImageFolderReader reader = new ImageFolderReader(size, size).channels(o.get(ProfileOptions.GREY) ? 1 : 3).classNames(names);
    int limit = o.get(ProfileOptions.MAX_SAMPLES);
    List<Loaded> out = new ArrayList<>();
    for (Path p : o.get(ProfileOptions.PARTITIONS)) {
      LabeledDataset ds;
      try {
        ds = reader.name(p.getFileName().toString()).read(p);
      } catch (IOException e) {
        throw new IllegalArgumentException("partition " + p + ": " + e.getMessage(), e);
      }
      long[] h = ds.classHistogram();
      if (limit > 0 && ds.size() > limit) {
        ds = ds.subset(evenly(ds.size(), limit));
      }
      out.add(new Loaded(p, "image-folder", h, withSamples ? ds : null));
    }
    return new Partitions(out, names);
  }

  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

  /**
   * Fails naming the file unless {@code p} (a file, or each Parquet file of a folder) starts and
   * ends with Parquet's magic bytes. Spark's own failure on such a file is a failed task, logged
   * as pages of stack traces that do not say which file was at fault.
   */
  static void checkParquetMagic(Path p) {
    List<Path> files;
    try {
      if (Files.isDirectory(p)) {
        try (var s = Files.list(p)) {
          files = s.filter(f -> f.getFileName().toString().endsWith(".parquet") && Files.isRegularFile(f)).sorted()
              .toList();
        }
      } else {
        files = List.of(p);
      }
      for (Path f : files) {
        try (var ch = Files.newByteChannel(f)) {
          long size = ch.size();
          // Header magic, footer length (4 bytes) and footer magic at the least.
          if (size < 12) {
            throw new IllegalArgumentException("partition " + p + ": " + f + " is not a Parquet file (" + size
                + " bytes)");
          }
          ByteBuffer head = ByteBuffer.allocate(4);
          ByteBuffer tail = ByteBuffer.allocate(4);
          ch.read(head);
          ch.position(size - 4).read(tail);
          if (!Arrays.equals(head.array(), PARQUET_MAGIC) || !Arrays.equals(tail.array(), PARQUET_MAGIC)) {
            throw new IllegalArgumentException("partition " + p + ": " + f + " is not a Parquet file (no PAR1 magic at its"
                + " start and end)");
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("partition " + p + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static Partitions loadParquet(SparkSession spark, Settings o, boolean withSamples) {
    String label = o.get(ProfileOptions.LABEL_COLUMN);
    String features = o.get(ProfileOptions.FEATURES_COLUMN);
    List<Dataset<Row>> frames = new ArrayList<>();
    Boolean stringLabels = null;
    for (Path p : o.get(ProfileOptions.PARTITIONS)) {
      checkParquetMagic(p);
      Dataset<Row> df;
      try {
        df = spark.read().parquet(p.toAbsolutePath().toString());
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("partition " + p + ": cannot read as Parquet: " + e.getMessage(), e);
      }
      StructField f = field(df, label, p);
      boolean str = f.dataType().equals(DataTypes.StringType);
      if (!str && !(f.dataType() instanceof NumericType)) {
        throw new IllegalArgumentException("partition " + p + ": label column '" + label + "' is " + f.dataType()
            + ", expected an integer or string column");
      }
      if (stringLabels != null && stringLabels != str) {
        throw new IllegalArgumentException("partition " + p + ": label column '" + label + "' is "
            + (str ? "string" : "numeric") + " but earlier partitions' is not");
      }
      stringLabels = str;
      if (withSamples) {
        field(df, features, p);
      }
      frames.add(df);
    }
    // Label histograms: a Spark aggregation per partition.
    List<List<Row>> counts = new ArrayList<>();
    TreeSet<String> stringClasses = new TreeSet<>();
    long maxLabel = -1;
    for (int i = 0; i < frames.size(); i++) {
      List<Row> rows = frames.get(i).groupBy(label).count().collectAsList();
      for (Row r : rows) {
        if (r.isNullAt(0)) {
          throw new IllegalArgumentException("partition " + o.get(ProfileOptions.PARTITIONS).get(i) + ": " + r.getLong(1)
              + " rows have no label ('" + label + "' is null)");
        }
        if (stringLabels) {
          stringClasses.add(r.getString(0));
        } else {
          long v = ((Number) r.get(0)).longValue();
          if (v < 0 || v != ((Number) r.get(0)).doubleValue() || v > 100_000) {
            throw new IllegalArgumentException("partition " + o.get(ProfileOptions.PARTITIONS).get(i) + ": label " + r.get(0)
                + " is not a class index in [0, 100000]");
          }
          maxLabel = Math.max(maxLabel, v);
        }
      }
      counts.add(rows);
    }
    List<String> names = new ArrayList<>();
    if (stringLabels) {
      names.addAll(stringClasses);
    } else {
      for (int c = 0; c <= maxLabel; c++) {
        names.add(String.valueOf(c));
      }
    }
    List<Loaded> out = new ArrayList<>();
    int[] shape = null;
    for (int i = 0; i < frames.size(); i++) {
      long[] h = new long[names.size()];
      for (Row r : counts.get(i)) {
        h[classIndex(r.get(0), names, stringLabels)] = r.getLong(1);
      }
      LabeledDataset ds = null;
      if (withSamples) {
        Dataset<Row> df = frames.get(i).select(label, features);
        int limit = o.get(ProfileOptions.MAX_SAMPLES);
        if (limit > 0) {
          df = df.limit(limit);
        }
        List<Row> rows = df.collectAsList();
        float[][] x = new float[rows.size()][];
        int[] y = new int[rows.size()];
        for (int n = 0; n < rows.size(); n++) {
          Row r = rows.get(n);
          y[n] = classIndex(r.get(0), names, stringLabels);
          x[n] = vector(r.get(1), o.get(ProfileOptions.PARTITIONS).get(i), features, n);
          if (x[n].length != x[0].length) {
            throw new IllegalArgumentException("partition " + o.get(ProfileOptions.PARTITIONS).get(i) + ": row " + n + " has "
                + x[n].length + " features, row 0 has " + x[0].length);
          }
        }
        if (rows.isEmpty()) {
          throw new IllegalArgumentException("partition " + o.get(ProfileOptions.PARTITIONS).get(i) + " has no rows");
        }
        if (shape == null) {
          shape = shape(o.get(ProfileOptions.SHAPE), x[0].length);
        } else if (Arrays.stream(shape).reduce(1, (a, b) -> a * b) != x[0].length) {
          throw new IllegalArgumentException("partition " + o.get(ProfileOptions.PARTITIONS).get(i) + " has " + x[0].length
              + " features per row, earlier partitions " + Arrays.toString(shape));
        }
        float[] flat = new float[rows.size() * x[0].length];
        for (int n = 0; n < rows.size(); n++) {
          System.arraycopy(x[n], 0, flat, n * x[0].length, x[0].length);
        }
        ds = LabeledDataset.ofFloats(o.get(ProfileOptions.PARTITIONS).get(i).getFileName().toString(), shape, names, flat, y);
      }
      out.add(new Loaded(o.get(ProfileOptions.PARTITIONS).get(i), "parquet", h, ds));
    }
    return new Partitions(out, names);
  }

  private static StructField field(Dataset<Row> df, String name, Path p) {
    for (StructField f : df.schema().fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new IllegalArgumentException("partition " + p + " has no column '" + name + "' (columns: "
        + Arrays.toString(df.schema().fieldNames()) + ")");
  }

  private static int classIndex(Object label, List<String> names, boolean strings) {
    return strings ? Collections.binarySearch(names, (String) label) : ((Number) label).intValue();
  }

  private static float[] vector(Object v, Path p, String column, int row) {
    if (v instanceof Vector mv) {
      double[] d = mv.toArray();
      float[] out = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        out[i] = (float) d[i];
      }
      return out;
    }
    if (v instanceof Seq<?> || v instanceof List<?>) {
      List<?> l = v instanceof List<?> jl ? jl
          : CollectionConverters.asJava((Seq<?>) v);
      float[] out = new float[l.size()];
      for (int i = 0; i < out.length; i++) {
        Object e = l.get(i);
        if (!(e instanceof Number n)) {
          throw new IllegalArgumentException("partition " + p + ": row " + row + " of '" + column + "' has a "
              + (e == null ? "null" : e.getClass().getSimpleName()) + " element");
        }
        out[i] = n.floatValue();
      }
      return out;
    }
    throw new IllegalArgumentException("partition " + p + ": column '" + column + "' holds "
        + (v == null ? "null" : v.getClass().getSimpleName()) + " at row " + row
        + "; expected an array of numbers or a Spark ML vector");
  }

  /** The sample shape: given as {@code C,H,W} / {@code D}, or inferred (square grey or RGB images, else flat). */
  static int[] shape(String given, int length) {
    if (given != null && !given.isBlank()) {
      int[] s;
      try {
        s = Arrays.stream(given.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad --shape '" + given + "' (expected C,H,W or D)", e);
      }
      if (Arrays.stream(s).reduce(1, (a, b) -> a * b) != length) {
        throw new IllegalArgumentException("--shape " + given + " does not hold " + length + " features");
      }
      return s;
    }
    int side = (int) Math.round(Math.sqrt(length));
    if (side * side == length && side >= 8) {
      return new int[] {1, side, side};
    }
    int rgb = (int) Math.round(Math.sqrt(length / 3.0));
    if (3 * rgb * rgb == length && rgb >= 8) {
      return new int[] {3, rgb, rgb};
    }
    return new int[] {length};
  }

  static int[] evenly(int n, int m) {
    int[] pos = new int[m];
    for (int i = 0; i < m; i++) {
      pos[i] = (int) ((long) i * n / m);
    }
    return pos;
  }
}
