package io.dbrefresh.refreshfile;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads refresh files. Bad input is never an exception: every mistake in a file comes back
 * at once, each with its JSON Pointer and what would be valid, and the plan only when there
 * is none.
 */
public final class RefreshFiles {

    private RefreshFiles() {
    }

    public static RefreshFileResult read(String json) {
        return read(json, Clock.systemUTC());
    }

    /** {@code clock} decides what "in the future" means for a restore time. */
    public static RefreshFileResult read(String json, Clock clock) {
        JsonNode document;
        try {
            document = StrictJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return new RefreshFileReader(clock).notJson(notJson(e));
        }
        if (document == null || document.isMissingNode()) {
            return new RefreshFileReader(clock).notJson("is empty: a refresh file is a JSON object holding one block per step");
        }
        return new RefreshFileReader(clock).read(document, json.getBytes(StandardCharsets.UTF_8).length);
    }

    /** For a document already parsed, such as the refresh file inside an execution's input. */
    public static RefreshFileResult read(JsonNode document, Clock clock) {
        long size;
        try {
            size = StrictJson.MAPPER.writeValueAsBytes(document).length;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed document always serializes", e);
        }
        return new RefreshFileReader(clock).read(document, size);
    }

    private static String notJson(JsonProcessingException e) {
        String why = e.getOriginalMessage().lines().findFirst().orElse("").replaceAll(" ?\\(?\\[Source: [^\\]]*\\]\\)?", "");
        if (why.startsWith("Trailing token")) {
            why = "more content after the end of the JSON object (a refresh file is one object)";
        } else if (why.startsWith("Unexpected character ('}'") || why.startsWith("Unexpected character (']'")) {
            // Jackson's "was expecting double-quote to start field name" does not say what is wrong
            why = "a trailing comma before '" + why.charAt("Unexpected character ('".length())
                    + "': JSON allows no comma after the last item";
        }
        return StrictJson.notValid(e, why);
    }
}
