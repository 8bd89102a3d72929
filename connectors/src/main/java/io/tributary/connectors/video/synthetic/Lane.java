package io.tributary.connectors.video.synthetic;

/** A horizontal lane objects move along: its baseline y (bottom of objects) and direction. */
record Lane(Kind kind, double baselineFraction, boolean rightward, double depthScale) {
  enum Kind { ROAD, SIDEWALK }
}
