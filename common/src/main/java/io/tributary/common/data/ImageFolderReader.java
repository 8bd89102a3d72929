package io.tributary.common.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Reads a labelled image folder, {@code <root>/<class>/*.{jpg,jpeg,png,gif,bmp}}, from a directory
 * or straight out of a {@code .tar} / {@code .tar.gz} archive, into a byte-backed
 * {@link LabeledDataset} of shape {@code [channels, height, width]}. Images of another size are
 * resized (bilinear); colour images become grey with ITU-R 601 luma when one channel is asked for.
 *
 * <p>Classes are the sub-folder names in sorted order unless {@link #classNames} fixes them.
 * Samples are ordered by class, then by file name; {@link #limitPerClass} keeps the first
 * {@code n} file names of each class, so a subset is the same on every run. Decoding runs on
 * {@link #threads} threads.
 *
 * <p>Instances are immutable; each option returns a new reader:
 * <pre>{@code
 * LabeledDataset ds = new ImageFolderReader(32, 32).limitPerClass(100).read(Path.of("photos"));
 * }</pre>
 */
public final class ImageFolderReader {
  private final int height;
  private final int width;
  private final int channels;
  private final int limitPerClass;
  private final List<String> classNames;
  private final int threads;
  private final String name;

  /** A reader producing RGB images of {@code height x width}. */
  public ImageFolderReader(int height, int width) {
    this(height, width, 3, 0, null, Runtime.getRuntime().availableProcessors(), null);
  }

  private ImageFolderReader(int height, int width, int channels, int limitPerClass, List<String> classNames,
      int threads, String name) {
    if (height <= 0 || width <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + height + "x" + width);
    }
    this.height = height;
    this.width = width;
    this.channels = channels;
    this.limitPerClass = limitPerClass;
    this.classNames = classNames;
    this.threads = threads;
    this.name = name;
  }

  /** Produce one grey channel instead of RGB. */
  public ImageFolderReader grey() {
    return new ImageFolderReader(height, width, 1, limitPerClass, classNames, threads, name);
  }

  /** Produce {@code channels} channels: 1 (grey) or 3 (RGB). */
  public ImageFolderReader channels(int channels) {
    if (channels != 1 && channels != 3) {
      throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
    }
    return new ImageFolderReader(height, width, channels, limitPerClass, classNames, threads, name);
  }

  /** Keep at most {@code n} images per class (the first by file name); 0 keeps all. */
  public ImageFolderReader limitPerClass(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("limitPerClass must be >= 0, got " + n);
    }
    return new ImageFolderReader(height, width, channels, n, classNames, threads, name);
  }

  /**
   * Fix the classes and their label order. Every class folder must be one of them; classes
   * without a folder simply have no samples.
   */
  public ImageFolderReader classNames(List<String> names) {
    return new ImageFolderReader(height, width, channels, limitPerClass, List.copyOf(names), threads, name);
  }

  /** Decode on {@code n} threads (default: available processors). */
  public ImageFolderReader threads(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("threads must be >= 1, got " + n);
    }
    return new ImageFolderReader(height, width, channels, limitPerClass, classNames, n, name);
  }

  /** The dataset's name (default: the folder's name). */
  public ImageFolderReader name(String datasetName) {
    return new ImageFolderReader(height, width, channels, limitPerClass, classNames, threads, datasetName);
  }

  /** Reads {@code root}: a directory of class folders, or a tar archive whose top level holds them. */
  public LabeledDataset read(Path root) throws IOException {
    if (Files.isRegularFile(root)) {
      return readTar(root, "");
    }
    if (!Files.isDirectory(root)) {
      throw new NoSuchFileException(root.toString(), null, "no such image folder or archive");
    }
    Map<String, TreeMap<String, Object>> byClass = new TreeMap<>();
    List<Path> classDirs;
    try (Stream<Path> s = Files.list(root)) {
      classDirs = s.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
    }
    for (Path dir : classDirs) {
      TreeMap<String, Object> files = new TreeMap<>();
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> Files.isRegularFile(p) && isImageName(p.getFileName().toString()))
            .forEach(p -> keep(files, p.getFileName().toString(), p));
      }
      byClass.put(dir.getFileName().toString(), files);
    }
    return assemble(root.toString(), name != null ? name : root.getFileName().toString(), byClass);
  }

  /**
   * Reads the class folders under {@code prefix} inside a tar archive (plain or gzip), without
   * extracting it. {@code prefix} is a directory path inside the archive, e.g.
   * {@code "cifar10-jpg/train"}; {@code ""} means the archive's top level.
   */
  public LabeledDataset readTar(Path archive, String prefix) throws IOException {
    String p = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    Map<String, TreeMap<String, Object>> byClass = new TreeMap<>();
    TarReader.read(archive, path -> {
      if (!path.startsWith(p)) {
        return false;
      }
      String rest = path.substring(p.length());
      int slash = rest.indexOf('/');
      return slash > 0 && rest.indexOf('/', slash + 1) < 0 && isImageName(rest.substring(slash + 1));
    }, (path, content) -> {
      String rest = path.substring(p.length());
      int slash = rest.indexOf('/');
      keep(byClass.computeIfAbsent(rest.substring(0, slash), c -> new TreeMap<>()), rest.substring(slash + 1),
          content);
    });
    String where = archive + (p.isEmpty() ? "" : "!/" + p);
    String dsName = name != null ? name : (p.isEmpty() ? archive.getFileName().toString()
        : p.substring(0, p.length() - 1).replace('/', '-'));
    return assemble(where, dsName, byClass);
  }

  /** Adds a file, keeping only the first {@code limitPerClass} names so memory stays bounded. */
  private void keep(TreeMap<String, Object> files, String fileName, Object source) {
    files.put(fileName, source);
    if (limitPerClass > 0 && files.size() > limitPerClass) {
      files.pollLastEntry();
    }
  }

  static boolean isImageName(String fileName) {
    String n = fileName.toLowerCase(Locale.ROOT);
    return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".gif")
        || n.endsWith(".bmp");
  }

  private LabeledDataset assemble(String where, String dsName, Map<String, TreeMap<String, Object>> byClass)
      throws IOException {
    List<String> classes = classNames != null ? classNames : List.copyOf(byClass.keySet());
    for (String c : byClass.keySet()) {
      if (!classes.contains(c)) {
        throw new DatasetFormatException(where + ": class folder '" + c + "' is not one of the expected classes "
            + classes);
      }
    }
    List<String> names = new ArrayList<>();
    List<Object> sources = new ArrayList<>();
    List<Integer> labelList = new ArrayList<>();
    for (int label = 0; label < classes.size(); label++) {
      TreeMap<String, Object> files = byClass.get(classes.get(label));
      if (files == null) {
        continue;
      }
      for (Map.Entry<String, Object> e : files.entrySet()) {
        names.add(classes.get(label) + "/" + e.getKey());
        sources.add(e.getValue());
        labelList.add(label);
      }
    }
    if (names.isEmpty()) {
      throw new DatasetFormatException(where + ": no images found (expected <class>/<file>.{jpg,png,...})");
    }
    int n = names.size();
    int sampleSize = channels * height * width;
    byte[] pixels = new byte[Math.multiplyExact(n, sampleSize)];
    int[] labels = labelList.stream().mapToInt(Integer::intValue).toArray();
    int workers = Math.min(threads, Math.max(1, n / 64));
    ExecutorService pool = workers > 1 ? Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "image-decode");
      t.setDaemon(true);
      return t;
    }) : null;
    try {
      List<Future<?>> futures = new ArrayList<>();
      int chunk = (n + workers - 1) / workers;
      for (int w = 0; w < workers; w++) {
        int from = w * chunk;
        int to = Math.min(n, from + chunk);
        Runnable task = () -> {
          for (int i = from; i < to; i++) {
            Object src = sources.get(i);
            String what = where + "/" + names.get(i);
            try {
              byte[] bytes = src instanceof Path path ? Files.readAllBytes(path) : (byte[]) src;
              ImageDecoding.toChannelMajor(ImageDecoding.decode(bytes, what), height, width, channels, pixels,
                  i * sampleSize);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
        if (pool == null) {
          task.run();
        } else {
          futures.add(pool.submit(task));
        }
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      throw new IOException(where + ": decoding failed: " + c, c);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(where + ": interrupted while decoding", e);
    } finally {
      if (pool != null) {
        pool.shutdownNow();
      }
    }
    return LabeledDataset.ofBytes(dsName, new int[] {channels, height, width}, classes, pixels, labels);
  }
}
