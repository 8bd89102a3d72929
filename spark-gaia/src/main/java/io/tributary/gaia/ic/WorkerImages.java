package io.tributary.gaia.ic;

import java.io.Serializable;

/**
 * The images one image-classification worker holds, fixed for the whole run: its training images,
 * its slice of the test set, and the per-channel normalisation. Pixels are 8-bit, one sample after
 * another; labels are class indices.
 *
 * @param shape a sample's shape (channels, height, width)
 * @param classes number of classes
 * @param mean per-channel mean of the pixels scaled to [0, 1]
 * @param std per-channel standard deviation of the pixels scaled to [0, 1]
 * @param trainPixels the training images
 * @param trainLabels their labels
 * @param testPixels this worker's slice of the test set
 * @param testLabels their labels
 */
record WorkerImages(int[] shape, int classes, float[] mean, float[] std, byte[] trainPixels, int[] trainLabels,
    byte[] testPixels, int[] testLabels) implements Serializable {}
