package dev.herald.problem;

/**
 * Failures the JAX-RS runtime raises as a bare status (no such method, wrong {@code Accept} or
 * {@code Content-Type}...): the problem type and Herald's own wording for each, since the runtime's messages may
 * name classes or echo input.
 */
public final class StatusProblems {

    private StatusProblems() {
    }

    public static ProblemType typeOf(int status) {
        return switch (status) {
            case 404 -> ProblemType.NOT_FOUND;
            case 405 -> ProblemType.METHOD_NOT_ALLOWED;
            case 406 -> ProblemType.NOT_ACCEPTABLE;
            case 413 -> ProblemType.PAYLOAD_TOO_LARGE;
            case 415 -> ProblemType.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ProblemType.SERVICE_UNAVAILABLE;
            default -> status >= 500 ? ProblemType.INTERNAL_ERROR : ProblemType.BAD_REQUEST;
        };
    }

    public static String describe(ProblemType type) {
        return switch (type) {
            case NOT_FOUND -> "There is no resource at this path.";
            case METHOD_NOT_ALLOWED -> "This resource does not support the request method.";
            case NOT_ACCEPTABLE -> "This resource cannot answer in any media type the Accept header allows.";
            case UNSUPPORTED_MEDIA_TYPE -> "The request body must be application/json.";
            case PAYLOAD_TOO_LARGE -> "The request body is too large.";
            case SERVICE_UNAVAILABLE -> "The service is temporarily unavailable.";
            case INTERNAL_ERROR -> "The server failed to handle the request.";
            default -> "The request could not be understood.";
        };
    }

    /** The status as one of Herald's own failures, for code that may only throw those. */
    public static HeraldException exception(int status) {
        ProblemType type = typeOf(status);
        return new HeraldException(type, describe(type));
    }
}
