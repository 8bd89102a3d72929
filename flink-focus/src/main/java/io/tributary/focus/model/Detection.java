package io.tributary.focus.model;

import io.tributary.connectors.video.Box;
import java.io.Serializable;

/** An object a detector found: class name, score in [0, 1], box in the input image's pixels. */
public record Detection(String label, float score, Box box) implements Serializable {}
