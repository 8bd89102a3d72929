package io.tributary.connectors.index;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Reads a Focus (or INGEST-HEAVY) index on any Hadoop file system: lists its camera/hour partitions
 * and reads rows of the partitions a query needs, skipping files that are not committed yet. Errors
 * name the index and the missing or unreadable part.
 */
public final class IndexReader implements AutoCloseable {
  /** A table's partition: camera and hour, and its directory. */
  public record Partition(String table, String camera, String hour, Path dir) {
    /** Epoch ms of the partition's hour start. */
    public long hourStartMs() {
      return IndexLayout.parseHour(hour);
    }
  }

  private final String root;
  private final Path rootPath;
  private final FileSystem fs;
  private final Configuration conf;

  private IndexReader(String root, Path rootPath, FileSystem fs, Configuration conf) {
    this.root = root;
    this.rootPath = rootPath;
    this.fs = fs;
    this.conf = conf;
  }

  /** Opens the index at {@code root} (a path or URI: {@code /data/idx}, {@code hdfs://nn:8020/idx}). */
  public static IndexReader open(String root) throws IOException {
    return open(root, new Configuration());
  }

  public static IndexReader open(String root, Configuration conf) throws IOException {
    Path p = new Path(root);
    FileSystem fs = p.getFileSystem(conf);
    if (!fs.exists(p)) {
      throw new FileNotFoundException("index " + root + " does not exist");
    }
    if (!fs.getFileStatus(p).isDirectory()) {
      throw new IOException("index " + root + " is not a directory");
    }
    return new IndexReader(root, p, fs, conf);
  }

  public String root() {
    return root;
  }

  public FileSystem fileSystem() {
    return fs;
  }

  /** Whether the index has {@code table} at all. */
  public boolean hasTable(String table) throws IOException {
    return fs.exists(new Path(rootPath, table));
  }

  /** The partitions of {@code table}, by camera then hour; fails when the table is missing. */
  public List<Partition> partitions(String table) throws IOException {
    Path t = new Path(rootPath, table);
    if (!fs.exists(t)) {
      throw new FileNotFoundException("index " + root + " has no '" + table + "' table (" + t + ")");
    }
    List<Partition> out = new ArrayList<>();
    for (FileStatus cam : fs.listStatus(t)) {
      String cn = cam.getPath().getName();
      if (!cam.isDirectory() || !cn.startsWith("camera=")) {
        continue;
      }
      for (FileStatus hour : fs.listStatus(cam.getPath())) {
        String hn = hour.getPath().getName();
        if (hour.isDirectory() && hn.startsWith("hour=")) {
          out.add(new Partition(table, cn.substring(7), hn.substring(5), hour.getPath()));
        }
      }
    }
    out.sort(Comparator.comparing(Partition::camera).thenComparing(Partition::hour));
    return out;
  }

  /** Cameras with at least one partition of {@code table}. */
  public TreeSet<String> cameras(String table) throws IOException {
    TreeSet<String> s = new TreeSet<>();
    for (Partition p : partitions(table)) {
      s.add(p.camera());
    }
    return s;
  }

  /** The partition of {@code table} for the same camera and hour as {@code p}; fails naming it when absent. */
  public Partition sibling(Partition p, String table) throws IOException {
    Path dir = new Path(new Path(rootPath, table), IndexLayout.bucket(p.camera(), p.hour()));
    if (!fs.exists(dir)) {
      throw new FileNotFoundException("index " + root + ": partition " + table + "/"
          + IndexLayout.bucket(p.camera(), p.hour()) + " is missing (" + p.table() + " has it)");
    }
    return new Partition(table, p.camera(), p.hour(), dir);
  }

  /** Committed data files of a partition. */
  public List<Path> dataFiles(Partition p) throws IOException {
    List<Path> out = new ArrayList<>();
    for (FileStatus f : fs.listStatus(p.dir())) {
      if (f.isFile() && IndexLayout.isDataFile(f.getPath().getName())) {
        out.add(f.getPath());
      }
    }
    out.sort(Comparator.comparing(Path::getName));
    return out;
  }

  /** Rows of a partition matching {@code filter} (null: all), converted by {@code convert}. */
  public <T> List<T> read(Partition p, FilterPredicate filter, Function<GenericRecord, T> convert) throws IOException {
    List<T> out = new ArrayList<>();
    for (Path file : dataFiles(p)) {
      ParquetReader.Builder<GenericRecord> b = AvroParquetReader.<GenericRecord>builder(HadoopInputFile.fromPath(file, conf))
          .withDataModel(GenericData.get());
      if (filter != null) {
        b = b.withFilter(FilterCompat.get(filter));
      }
      try (ParquetReader<GenericRecord> r = b.build()) {
        for (GenericRecord rec; (rec = r.read()) != null; ) {
          out.add(convert.apply(rec));
        }
      } catch (IOException | RuntimeException e) {
        throw new IOException("index " + root + ": cannot read " + file + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** Rows of every partition of {@code table} accepted by {@code which}. */
  public <T> List<T> read(String table, Predicate<Partition> which, FilterPredicate filter,
      Function<GenericRecord, T> convert) throws IOException {
    List<T> out = new ArrayList<>();
    for (Partition p : partitions(table)) {
      if (which.test(p)) {
        out.addAll(read(p, filter, convert));
      }
    }
    return out;
  }

  /** Bytes of committed data files in {@code table} (0 when the table is absent). */
  public long sizeBytes(String table) throws IOException {
    if (!hasTable(table)) {
      return 0;
    }
    long n = 0;
    for (Partition p : partitions(table)) {
      for (Path f : dataFiles(p)) {
        n += fs.getFileStatus(f).getLen();
      }
    }
    return n;
  }

  /** The index's metadata (properties text), if written. */
  public Optional<String> metadata() throws IOException {
    return rootFile(IndexLayout.METADATA);
  }

  /**
   * The most a root file may hold. Ours are a few KiB; anything near this is not one of ours, and
   * reading it whole could exhaust memory.
   */
  public static final int MAX_ROOT_FILE_BYTES = 16 << 20;

  /**
   * A small file in the index's root directory ({@link IndexLayout#METADATA}, {@link IndexLayout#CONFIGURATIONS});
   * empty when absent. Fails naming the file when it is larger than {@link #MAX_ROOT_FILE_BYTES}.
   */
  public Optional<String> rootFile(String name) throws IOException {
    Path m = new Path(rootPath, name);
    try (InputStream in = fs.open(m)) {
      byte[] b = in.readNBytes(MAX_ROOT_FILE_BYTES + 1);
      if (b.length > MAX_ROOT_FILE_BYTES) {
        throw new IOException("index " + root + ": " + name + " is larger than " + MAX_ROOT_FILE_BYTES
            + " bytes; not an index file written by tributary");
      }
      return Optional.of(new String(b, StandardCharsets.UTF_8));
    } catch (FileNotFoundException e) {
      return Optional.empty();
    }
  }

  /**
   * A root file parsed as Java properties; empty when absent. A malformed file (a bad unicode escape,
   * say) fails with an error naming the index and the file, not just the parser's complaint.
   */
  public Optional<Properties> rootProperties(String name) throws IOException {
    Optional<String> text = rootFile(name);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parseProperties(text.get(), "index " + root + ": " + name));
  }

  /** Parses {@code text} as Java properties; errors start with {@code where} (the file). */
  public static Properties parseProperties(String text, String where) throws IOException {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
    } catch (IllegalArgumentException e) {
      throw new IOException(where + " is malformed: " + e.getMessage(), e);
    }
    return p;
  }

  /** Writes the index's metadata (creating the index directory), atomically. */
  public static void writeMetadata(String root, String text, Configuration conf) throws IOException {
    writeRootFile(root, IndexLayout.METADATA, text, conf);
  }

  /**
   * Writes a small file in the index's root directory (creating it): to a hidden temporary file,
   * then renamed over the old one in one step, so a reader sees the old or the new text, never a part.
   */
  public static void writeRootFile(String root, String name, String text, Configuration conf) throws IOException {
    Path p = new Path(root);
    FileSystem fs = p.getFileSystem(conf);
    fs.mkdirs(p);
    Path tmp = new Path(p, "._" + name + "." + UUID.randomUUID() + ".tmp");
    try (OutputStream out = fs.create(tmp, true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    Path target = new Path(p, name);
    try {
      FileContext.getFileContext(fs.getUri(), conf)
          .rename(fs.makeQualified(tmp), fs.makeQualified(target), Options.Rename.OVERWRITE);
    } catch (IOException e) {
      fs.delete(tmp, false);
      throw new IOException("index " + root + ": cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    // The FileSystem instance is cached and shared by Hadoop; it is not closed here.
  }
}
