package dev.threadlens.dashboards.promql;

/** A PromQL expression the parser cannot read; the message names the offset and the expression. */
public final class PromQlException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PromQlException(String message) {
        super(message);
    }
}
