package io.membank.cost.recommend.cloud;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;

/** Kubernetes quantities ({@code 250m}, {@code 512Mi}, {@code 20Gi}) as numbers and back. */
final class Quantities {

  private Quantities() {}

  /** Cores or bytes; 0 when absent. */
  static double parse(String quantity) {
    if (quantity == null || quantity.isBlank()) {
      return 0;
    }
    return Quantity.getAmountInBytes(new Quantity(quantity)).doubleValue();
  }

  /** Below this, a floating-point residue (0.1 × 1.3 = 0.13000000000000003) is no real excess. */
  private static final double EPSILON = 1e-9;

  /** CPU cores as millicores, rounded up to 10m. */
  static String cpu(double cores) {
    long milli = (long) Math.ceil(cores * 100 - EPSILON) * 10;
    return milli + "m";
  }

  /** Bytes as mebibytes, rounded up to 16Mi. */
  static String memory(double bytes) {
    long mib = (long) Math.ceil(bytes / (1024 * 1024) / 16 - EPSILON) * 16;
    return mib + "Mi";
  }

  /** Bytes as gibibytes, rounded up. */
  static String storage(double bytes) {
    return BigDecimal.valueOf(Math.ceil(bytes / CloudPrices.GIB - EPSILON)).toBigInteger() + "Gi";
  }
}
