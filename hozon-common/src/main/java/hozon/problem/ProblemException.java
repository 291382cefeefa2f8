package hozon.problem;

/** Thrown by use cases to refuse a request with a precise problem document. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(problem.getDetail());
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException notFound(String what, String detail) {
        return new ProblemException(new Problem("not-found", what + " not found", 404, detail));
    }

    public static ProblemException invalid(String detail, Problem.FieldError... errors) {
        Problem p = new Problem("validation", "Invalid request", 400, detail);
        for (Problem.FieldError e : errors) {
            p.withError(e);
        }
        return new ProblemException(p);
    }

    public static ProblemException conflict(String typeSlug, String detail) {
        return new ProblemException(new Problem(typeSlug, "Conflict", 409, detail));
    }

    public static ProblemException unavailable(String typeSlug, String detail) {
        return new ProblemException(new Problem(typeSlug, "Dependency unavailable", 503, detail));
    }
}
