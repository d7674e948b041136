package io.membank.governance.catalog.domain;

import io.membank.privacy.detect.DataClass;
import java.util.List;

/**
 * One field of a dataset (a column, a document field, a property, a part of a key): its name, its
 * type as the store knows it, the data classes its values may hold, and an explicit classification
 * when the classes alone do not say it.
 */
public record FieldDescriptor(
    String name, String type, List<DataClass> contains, Classification classification) {

  public FieldDescriptor {
    contains = contains == null ? List.of() : List.copyOf(contains);
  }

  /** The declared classification, else the strictest its data classes require, else internal. */
  public Classification effectiveClassification() {
    Classification level = classification == null ? Classification.INTERNAL : classification;
    for (DataClass c : contains) {
      level = level.max(Classification.of(c));
    }
    return level;
  }
}
