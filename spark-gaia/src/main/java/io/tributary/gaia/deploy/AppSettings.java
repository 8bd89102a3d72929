package io.tributary.gaia.deploy;

import io.tributary.gaia.app.GaiaApp;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;

/**
 * The application a run trains and its data: {@link MfSettings} (matrix
 * factorisation), {@link TmSettings} (topic modelling) or {@link IcSettings} (image
 * classification). Every data centre builds the same application from the same settings.
 */
public interface AppSettings extends Serializable {

  /** Short name: {@code mf}, {@code tm} or {@code ic} (the {@code app} key). */
  String name();

  /** Writes the settings as properties under the {@code <name>.} prefix (through its {@link RunFileSection}). */
  void write(Map<String, String> properties);

  /**
   * Builds the application; reads its data files in this JVM when it has any.
   *
   * @throws IOException when a data file cannot be read
   */
  GaiaApp<? extends Serializable> build() throws IOException;

  /** Parses the settings of the run's {@code app}. */
  static AppSettings read(Props q) {
    String app = q.str("app");
    return switch (app) {
      case "mf" -> MfSettings.read(q.p());
      case "tm" -> TmSettings.read(q.p());
      case "ic" -> IcSettings.read(q.p());
      default -> throw new IllegalArgumentException("app must be mf, tm or ic, got '" + app + "'");
    };
  }
}
