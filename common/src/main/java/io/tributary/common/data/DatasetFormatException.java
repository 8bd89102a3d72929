package io.tributary.common.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A dataset file that cannot be read as the format it claims to be: truncated, wrong magic
 * number, inconsistent sizes, a label outside the class range. The message always names the file
 * (and the entry or line when there is one) and what is wrong, so a user can fix the input.
 */
public class DatasetFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An error whose message already names the file. */
  public DatasetFormatException(String message) {
    super(message);
  }

  /** An error whose message already names the file, with its cause. */
  public DatasetFormatException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code "<file>: <problem>"}. */
  public static DatasetFormatException of(Path file, String problem) {
    return new DatasetFormatException(file + ": " + problem);
  }
}
