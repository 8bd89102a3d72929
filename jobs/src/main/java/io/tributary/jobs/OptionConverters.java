package io.tributary.jobs;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Picocli converters that check an option's value where it is parsed, so a value outside its range
 * is a usage error naming the option and the value (picocli prints "Invalid value for option
 * '--x': ..."), before any engine or JVM starts.
 */
final class OptionConverters {
  private OptionConverters() {}

  /** An integer of at least 1 (a rank, a count). */
  static final class PositiveInt implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      int v;
      try {
        v = Integer.parseInt(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not an integer");
      }
      if (v < 1) {
        throw new TypeConversionException("'" + value + "' must be at least 1");
      }
      return v;
    }
  }

  /**
   * Focus's Skip_th: ingest confidences are probabilities, so a value in (0, 1] skips the GT-CNN
   * for clusters at least that confident and any value above 1 never skips; 0 or less would skip
   * verification for every cluster, which no query means.
   */
  static final class SkipThreshold implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      double v;
      try {
        v = Double.parseDouble(value.strip());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "' is not a number");
      }
      if (!(v > 0)) {
        throw new TypeConversionException("'" + value + "' is out of range: Skip_th must be above 0 (0-1: skip the"
            + " GT-CNN for clusters at least that confident; above 1: never skip)");
      }
      return v;
    }
  }

  /** A JVM heap size as {@code -Xmx} takes it, with a unit: {@code 512m}, {@code 4g}; at least 2 MiB. */
  static final class HeapSize implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.strip().toLowerCase(Locale.ROOT);
      if (!v.matches("[0-9]{1,12}[kmgt]")) {
        throw new TypeConversionException("'" + value + "' is not a heap size (a number with a unit k, m, g or t,"
            + " e.g. 512m or 4g)");
      }
      long n = Long.parseLong(v.substring(0, v.length() - 1));
      int shift = switch (v.charAt(v.length() - 1)) {
        case 'k' -> 10;
        case 'm' -> 20;
        case 'g' -> 30;
        default -> 40;
      };
      if (n > (Long.MAX_VALUE >> shift) || (n << shift) < (2L << 20)) {
        throw new TypeConversionException("'" + value + "' is out of range: a JVM heap is at least 2m");
      }
      return v;
    }
  }

  /** A video file to write: its extension picks the container, so only those FFmpeg is set up for. */
  static final class VideoOutput implements ITypeConverter<Path> {
    /** The containers {@code focus generate} writes, by extension. */
    static final List<String> EXTENSIONS = List.of(".mp4", ".avi", ".mkv");

    @Override
    public Path convert(String value) {
      String name = value.strip().toLowerCase(Locale.ROOT);
      if (EXTENSIONS.stream().noneMatch(name::endsWith)) {
        throw new TypeConversionException("'" + value + "' has an unsupported extension; the video container is"
            + " chosen by it: " + String.join(", ", EXTENSIONS));
      }
      return Path.of(value);
    }
  }
}
