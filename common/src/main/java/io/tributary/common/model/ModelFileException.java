package io.tributary.common.model;

/** A model file that cannot be used: wrong format, truncated, corrupt, or for another model spec. */
public final class ModelFileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelFileException(String message) {
    super(message);
  }

  public ModelFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
