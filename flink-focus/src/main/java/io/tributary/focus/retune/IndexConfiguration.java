package io.tributary.focus.retune;

import io.tributary.focus.model.FocusModel;
import java.io.Serializable;
import java.util.List;

/**
 * One ingest configuration of a Focus index: the cheap CNN, its class list, K, T and C. Every
 * cluster and class entry of the index names the configuration that produced it, so an index
 * ingested with periodic re-tuning holds parts made by different models, each read with its own
 * class list.
 *
 * @param id the configuration's id in the index's {@link ConfigurationRegistry} (0: the first)
 * @param model the cheap CNN, null for configuration 0 of an index written before the registry
 *     existed (its class list then comes from the index metadata)
 * @param classes the cheap CNN's classes in output order
 * @param nonObjects classes meaning "no object" (never in the inverted index)
 * @param parameters K, T and C
 * @param origin where it came from (the initial model, a tuned file, a re-tuning run), for people
 * @param registeredMs when it entered the registry (epoch ms, wall clock)
 */
public record IndexConfiguration(int id, FocusModel model, List<String> classes, List<String> nonObjects,
    Parameters parameters, String origin, long registeredMs) implements Serializable {

  /** K, T and C as the configuration ingests with them (read back from an index as written, unchecked). */
  public record Parameters(int topK, double distanceThreshold, int maxActiveClusters) implements Serializable {}

  /** The class the specialised models index everything outside their top L_s classes under. */
  public static final String OTHER = "OTHER";

  public IndexConfiguration {
    classes = List.copyOf(classes);
    nonObjects = List.copyOf(nonObjects);
    if (id < 0) {
      throw new IllegalArgumentException("configuration id " + id + " is negative");
    }
  }

  public int topK() {
    return parameters.topK();
  }

  public double distanceThreshold() {
    return parameters.distanceThreshold();
  }

  public int maxActiveClusters() {
    return parameters.maxActiveClusters();
  }

  /**
   * The inverted-index entry a query for {@code className} reads among this configuration's clusters
   * (thesis §4.3.2): the class itself when the cheap CNN knows it; else {@code OTHER}, under which a
   * specialised CNN indexes every class outside its top L_s; else null, meaning the cheap CNN could
   * not have indexed it and every cluster of this configuration is a candidate for the GT-CNN.
   */
  public String lookupFor(String className) {
    if (classes.contains(className)) {
      return className;
    }
    if (classes.contains(OTHER) && !nonObjects.contains(OTHER)) {
      return OTHER;
    }
    return null;
  }

  /** Whether {@code o} ingests the same way (same model, K, T, C): re-registering it adds nothing. */
  public boolean sameIngestAs(IndexConfiguration o) {
    // FocusModel holds arrays (normalisation), so its equals is identity; its text names every field.
    return String.valueOf(model).equals(String.valueOf(o.model)) && classes.equals(o.classes) && topK() == o.topK()
        && Double.compare(distanceThreshold(), o.distanceThreshold()) == 0 && maxActiveClusters() == o.maxActiveClusters();
  }

  public String describe() {
    return "configuration " + id + ": " + (model == null ? "(index model)" : model.describe()) + " K=" + topK() + " T="
        + distanceThreshold() + " C=" + maxActiveClusters() + " classes=" + classes + " (" + origin + ")";
  }
}
