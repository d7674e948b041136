package io.membank.http;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds the query parameter JAX-RS could not convert. JAX-RS answers such a request with 404 (as if
 * the resource did not exist) and does not say which parameter failed (issue 24 defect 7); we try
 * each one again to name it.
 */
final class QueryParameters {

  private QueryParameters() {}

  /** The first query parameter of the matched method whose value does not convert. */
  static Optional<Problem.FieldError> unconvertible(ResourceInfo resource, UriInfo uri) {
    Method method = resource == null ? null : resource.getResourceMethod();
    if (method == null || uri == null) {
      return Optional.empty();
    }
    for (Parameter parameter : method.getParameters()) {
      QueryParam query = parameter.getAnnotation(QueryParam.class);
      if (query == null) {
        continue;
      }
      for (String value :
          uri.getQueryParameters().getOrDefault(query.value(), java.util.List.of())) {
        String why = why(parameter.getType(), value);
        if (why != null) {
          return Optional.of(new Problem.FieldError(query.value(), why));
        }
      }
    }
    return Optional.empty();
  }

  /** Why {@code value} does not convert to {@code type}, or null when it does. */
  static String why(Class<?> type, String value) {
    try {
      if (type == int.class || type == Integer.class) {
        Integer.parseInt(value);
      } else if (type == long.class || type == Long.class) {
        Long.parseLong(value);
      } else if (type == short.class || type == Short.class) {
        Short.parseShort(value);
      } else if (type == double.class || type == Double.class) {
        Double.parseDouble(value);
      } else if (type == float.class || type == Float.class) {
        Float.parseFloat(value);
      } else if (type == UUID.class) {
        UUID.fromString(value);
      } else if (type.isEnum()) {
        return enumValue(type, value) ? null : "must be " + JsonProblems.expected(type);
      } else {
        return null;
      }
      return null;
    } catch (IllegalArgumentException e) {
      String expected = JsonProblems.expected(type);
      return "must be "
          + expected
          + (type == int.class || type == Integer.class ? " (32-bit)" : "")
          + ", got \""
          + (value.length() > 40 ? value.substring(0, 40) + "…" : value)
          + "\"";
    }
  }

  private static boolean enumValue(Class<?> type, String value) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equals(value) || constant.toString().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
