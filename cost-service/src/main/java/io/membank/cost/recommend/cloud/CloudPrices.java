package io.membank.cost.recommend.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The checked-in cloud price catalogue ({@code recommend/cloud-prices.json}). */
public record CloudPrices(
    String region,
    double hoursPerMonth,
    double vcpuHour,
    double gbHour,
    double spotVcpuHour,
    double spotGbHour,
    JsonNode storageGbMonth) {

  private static final String RESOURCE = "/recommend/cloud-prices.json";
  static final double GIB = 1024d * 1024 * 1024;

  /** The checked-in catalogue. */
  public static CloudPrices load() {
    try (InputStream in = CloudPrices.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing");
      }
      JsonNode c = new ObjectMapper().readTree(in);
      JsonNode od = c.path("unit_prices").path("on_demand");
      JsonNode spot = c.path("unit_prices").path("spot");
      return new CloudPrices(
          c.path("region").asText(),
          c.path("hours_per_month").asDouble(730),
          od.path("vcpu_hour").asDouble(),
          od.path("gb_hour").asDouble(),
          spot.path("vcpu_hour").asDouble(),
          spot.path("gb_hour").asDouble(),
          c.path("storage_gb_month"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What {@code cores} of requested CPU cost on demand in a month. */
  public double cpuMonth(double cores) {
    return cores * vcpuHour * hoursPerMonth;
  }

  /** What {@code bytes} of requested memory cost on demand in a month. */
  public double memoryMonth(double bytes) {
    return bytes / GIB * gbHour * hoursPerMonth;
  }

  /** What moving the requests to spot capacity saves in a month. */
  public double spotSavingMonth(double cores, double bytes) {
    return (cores * (vcpuHour - spotVcpuHour) + bytes / GIB * (gbHour - spotGbHour))
        * hoursPerMonth;
  }

  /** What {@code bytes} of a volume of the storage class cost in a month. */
  public double storageMonth(String storageClass, double bytes) {
    JsonNode price = storageGbMonth.path(storageClass == null ? "default" : storageClass);
    if (price.isMissingNode()) {
      price = storageGbMonth.path("default");
    }
    return bytes / GIB * price.asDouble();
  }
}
