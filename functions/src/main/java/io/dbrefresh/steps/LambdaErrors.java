package io.dbrefresh.steps;

import io.dbrefresh.refreshfile.Json;

/** Reads the human part of a Step Functions error Cause: a Lambda error document, or plain text. */
public final class LambdaErrors {

    private LambdaErrors() {
    }

    public static String message(String cause) {
        if (cause == null) {
            return "";
        }
        try {
            var node = Json.MAPPER.readTree(cause);
            if (node != null && node.hasNonNull("errorMessage")) {
                return node.get("errorMessage").asText();
            }
        } catch (java.io.IOException notJson) {
            // a plain-text cause is shown as it is
        }
        return cause;
    }
}
