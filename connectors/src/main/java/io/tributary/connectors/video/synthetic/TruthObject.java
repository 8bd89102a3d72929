package io.tributary.connectors.video.synthetic;

import io.tributary.connectors.video.Box;
import java.io.Serializable;

/**
 * An object the generator drew in a frame: its id (stable while it crosses the scene), class, box
 * clipped to the frame, and the fraction of it that is visible (inside the frame, not hidden).
 */
public record TruthObject(long objectId, SyntheticClass cls, Box box, double visibleFraction)
    implements Serializable {}
