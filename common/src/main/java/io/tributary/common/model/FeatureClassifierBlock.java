package io.tributary.common.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A classifier that also exposes its penultimate layer: a trunk mapping an image batch to feature
 * vectors, and a head mapping features to class logits. {@code forward} returns
 * {@code [logits, features]}, so one pass gives Focus both the top-K classes and the feature vector
 * it clusters on (thesis §4.3.3).
 */
public final class FeatureClassifierBlock extends AbstractBlock {
  private static final byte VERSION = 1;
  private final Block trunk;
  private final Block head;

  public FeatureClassifierBlock(Block trunk, Block head) {
    super(VERSION);
    this.trunk = addChildBlock("trunk", trunk);
    this.head = addChildBlock("head", head);
  }

  @Override
  protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList features = trunk.forward(ps, inputs, training, params);
    NDList logits = head.forward(ps, features, training, params);
    return new NDList(logits.singletonOrThrow(), features.singletonOrThrow());
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] f = trunk.getOutputShapes(inputShapes);
    Shape[] l = head.getOutputShapes(f);
    return new Shape[] {l[0], f[0]};
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    trunk.initialize(manager, dataType, inputShapes);
    head.initialize(manager, dataType, trunk.getOutputShapes(inputShapes));
  }
}
