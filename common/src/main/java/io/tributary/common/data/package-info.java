/**
 * Datasets: the in-memory {@link io.tributary.common.data.LabeledDataset},
 * {@link io.tributary.common.data.Ratings} and {@link io.tributary.common.data.Corpus}, readers for
 * the usual formats (IDX, CIFAR-10 binary and image folders, image folders, rating triples, UCI
 * bag of words, raw text folders; gzip and tar read in place), and
 * {@link io.tributary.common.data.DatasetLocator} to find the real datasets installed beside the
 * project. Every reader validates its input and names the file and the problem when it fails.
 */
package io.tributary.common.data;
