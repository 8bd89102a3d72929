package io.tributary.common.partition;

import java.util.Locale;

/**
 * Parses partitioner specs, so command lines can take {@code --partition noniid:60}:
 * <table>
 *   <caption>Specs</caption>
 *   <tr><td>{@code iid}</td><td>{@link IidPartitioner}</td></tr>
 *   <tr><td>{@code label-skew} (also {@code noniid})</td>
 *       <td>label mod K, {@link NonIidPartitioner#labelSkew()}</td></tr>
 *   <tr><td>{@code noniid:<x>}</td><td>x% partitioned by label, the rest IID, 0 &lt;= x &lt;= 100
 *       (a trailing {@code %} is allowed)</td></tr>
 *   <tr><td>{@code dirichlet:<alpha>}</td><td>{@link DirichletPartitioner}, alpha &gt; 0</td></tr>
 *   <tr><td>{@code quantity:<a>}</td><td>power-law sizes, IID labels, a &gt;= 0</td></tr>
 *   <tr><td>{@code quantity-dirichlet:<beta>}</td><td>Dirichlet sizes, IID labels, beta &gt; 0</td></tr>
 * </table>
 * Specs are case-insensitive; {@link Partitioner#spec()} gives the canonical form back.
 */
public final class Partitioners {
  /** What {@link #parse} accepts, for usage messages. */
  public static final String FORMS =
      "iid, label-skew, noniid:<percent 0-100>, dirichlet:<alpha > 0>, quantity:<exponent >= 0>, "
          + "quantity-dirichlet:<beta > 0>";

  private Partitioners() {}

  /**
   * The partitioner for {@code spec}.
   *
   * @throws IllegalArgumentException naming the spec and the accepted forms when it is malformed
   */
  public static Partitioner parse(String spec) {
    if (spec == null || spec.isBlank()) {
      throw new IllegalArgumentException("empty partition spec; expected one of " + FORMS);
    }
    String s = spec.strip().toLowerCase(Locale.ROOT);
    int colon = s.indexOf(':');
    String kind = colon < 0 ? s : s.substring(0, colon);
    String arg = colon < 0 ? null : s.substring(colon + 1).strip();
    try {
      switch (kind) {
        case "iid":
          noArg(spec, arg);
          return new IidPartitioner();
        case "label-skew":
        case "labelskew":
        case "label":
          noArg(spec, arg);
          return NonIidPartitioner.labelSkew();
        case "noniid":
        case "non-iid":
          if (arg == null) {
            return NonIidPartitioner.labelSkew();
          }
          return new NonIidPartitioner(number(spec, arg.endsWith("%") ? arg.substring(0, arg.length() - 1) : arg));
        case "dirichlet":
          return new DirichletPartitioner(number(spec, required(spec, arg)));
        case "quantity":
          return QuantitySkewPartitioner.powerLaw(number(spec, required(spec, arg)));
        case "quantity-dirichlet":
          return QuantitySkewPartitioner.dirichlet(number(spec, required(spec, arg)));
        default:
          throw new IllegalArgumentException("unknown partitioner '" + kind + "'");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad partition spec '" + spec + "': " + e.getMessage() + "; expected one of "
          + FORMS, e);
    }
  }

  private static void noArg(String spec, String arg) {
    if (arg != null) {
      throw new IllegalArgumentException("takes no parameter");
    }
  }

  private static String required(String spec, String arg) {
    if (arg == null || arg.isEmpty()) {
      throw new IllegalArgumentException("needs a parameter after ':'");
    }
    return arg;
  }

  private static double number(String spec, String arg) {
    try {
      double v = Double.parseDouble(arg);
      if (!Double.isFinite(v)) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + arg + "' is not a number");
    }
  }
}
