package io.tributary.connectors.video.synthetic;

import io.tributary.connectors.video.BgrImage;
import java.util.List;

/** One generated frame: its number, presentation time, pixels and the objects drawn in it. */
public record RenderedFrame(int frameIndex, long timestampUs, BgrImage image, List<TruthObject> objects) {}
