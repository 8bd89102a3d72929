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
