package io.tributary.focus.model;

import io.tributary.connectors.video.BgrImage;

/** A training example: an object crop and its class index. */
public record LabeledCrop(BgrImage crop, int label) {}
