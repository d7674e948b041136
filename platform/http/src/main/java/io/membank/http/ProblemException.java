package io.membank.http;

/** Thrown by service code to answer with a specific problem document. */
public class ProblemException extends RuntimeException {

  private final transient Problem problem;

  public ProblemException(Problem problem) {
    super(problem.detail());
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** 400: the caller sent something we cannot accept. */
  public static ProblemException badRequest(String slug, String detail) {
    return new ProblemException(Problem.of(400, slug, "Bad request", detail));
  }

  /** 404: no such resource for this tenant (never says whether it exists elsewhere). */
  public static ProblemException notFound(String what, String id) {
    return new ProblemException(
        Problem.of(404, "not-found", "Not found", what + " " + id + " was not found"));
  }

  /** 409: the request conflicts with the current state. */
  public static ProblemException conflict(String slug, String detail) {
    return new ProblemException(Problem.of(409, slug, "Conflict", detail));
  }

  /** 422: well-formed, but it cannot be done as asked (e.g. an idempotency key reused). */
  public static ProblemException unprocessable(String slug, String detail) {
    return new ProblemException(Problem.of(422, slug, "Unprocessable request", detail));
  }
}
