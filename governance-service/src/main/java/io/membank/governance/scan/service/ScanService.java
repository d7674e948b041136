package io.membank.governance.scan.service;

import io.membank.privacy.detect.DataType;
import io.membank.privacy.detect.Finding;
import io.membank.privacy.detect.Scanner;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Finds sensitive values in a text with the platform/privacy detectors; stores nothing. */
@ApplicationScoped
public class ScanService {

  /** The findings of one text and how many of each type. */
  public record ScanResult(List<Finding> findings, Map<DataType, Integer> counts) {}

  private final Scanner scanner = Scanner.defaults();

  @WithSpan("ScanService.scan")
  public ScanResult scan(String text) {
    List<Finding> findings = scanner.scan(text);
    Map<DataType, Integer> counts = new EnumMap<>(DataType.class);
    findings.forEach(f -> counts.merge(f.type(), 1, Integer::sum));
    return new ScanResult(findings, counts);
  }
}
