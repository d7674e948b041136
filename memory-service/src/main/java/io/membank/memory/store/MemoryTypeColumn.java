package io.membank.memory.store;

import io.membank.contracts.MemoryType;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a memory type by its wire name; a name this version does not know reads as a fact. */
@Converter
public class MemoryTypeColumn implements AttributeConverter<MemoryType, String> {

  @Override
  public String convertToDatabaseColumn(MemoryType type) {
    return type == null ? null : type.wireName();
  }

  @Override
  public MemoryType convertToEntityAttribute(String name) {
    return name == null ? null : MemoryType.fromWire(name).orElse(MemoryType.FACT);
  }
}
