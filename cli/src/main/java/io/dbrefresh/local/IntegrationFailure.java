package io.dbrefresh.local;

/**
 * A Task failure reported by the AWS service integration rather than by the function's code,
 * such as {@code Lambda.TooManyRequestsException} or {@code Lambda.ServiceException}. The
 * engine reports {@code error} and {@code cause} verbatim, as Step Functions does for these.
 */
public class IntegrationFailure extends RuntimeException {

    private final String error;
    private final String causeText;

    public IntegrationFailure(String error, String cause) {
        super(error + ": " + cause);
        this.error = error;
        this.causeText = cause;
    }

    public String error() {
        return error;
    }

    public String causeText() {
        return causeText;
    }
}
