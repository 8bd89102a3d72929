package io.tributary.common.wan;

import java.io.Serializable;

/**
 * A data centre of a {@link WanTopology}.
 *
 * @param name unique name inside its topology, e.g. {@code "virginia"}; no whitespace
 * @param region the cloud region it stands for, used by {@link CostModel} for prices, e.g.
 *     {@code "virginia"} or {@code "us-east-1"}
 * @param group the group of geographically close data centres it belongs to (Gaia's overlay, thesis
 *     §5.3.5), e.g. {@code "north-america"}; a data centre alone defaults to its own name
 */
public record DataCenter(String name, String region, String group) implements Serializable {

  public DataCenter {
    requireToken("name", name);
    requireToken("region", region);
    requireToken("group", group);
  }

  /** A data centre in a group of its own. */
  public DataCenter(String name, String region) {
    this(name, region, name);
  }

  private static void requireToken(String what, String value) {
    if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("data centre " + what + " must be a non-empty word without spaces, got '"
          + value + "'");
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
