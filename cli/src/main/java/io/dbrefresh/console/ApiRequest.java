package io.dbrefresh.console;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import io.dbrefresh.refreshfile.Problem;

/**
 * The JSON body of one API request, read strictly: an object with only the fields the
 * endpoint knows, each of its type. Every problem is listed at once, by JSON path, and
 * answered with 400 before anything runs.
 */
final class ApiRequest {

    /** What a field must hold. */
    enum Kind { TEXT, NUMBER }

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final JsonNode body;

    private ApiRequest(JsonNode body) {
        this.body = body;
    }

    /** Thrown with every problem of a request body; the server answers it with 400 and the list. */
    static final class BadRequest extends RuntimeException {
        private final transient List<Problem> problems;

        BadRequest(List<Problem> problems) {
            super(problems.size() + " problem(s) in the request");
            this.problems = List.copyOf(problems);
        }

        BadRequest(String path, String message) {
            this(List.of(new Problem(path, message)));
        }

        List<Problem> problems() {
            return problems;
        }
    }

    /**
     * @param fields  every field the endpoint knows, with its kind
     * @param required the fields that must be there
     */
    static ApiRequest read(String text, Map<String, Kind> fields, Set<String> required) {
        JsonNode body;
        try {
            body = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            String why = e.getOriginalMessage().lines().findFirst().orElse("");
            String where = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": ";
            throw new BadRequest("", "the request body is not valid JSON: " + where + why);
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("", "the request body must be a JSON object with the fields " + String.join(", ", fields.keySet()));
        }
        List<Problem> problems = new ArrayList<>();
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            Kind kind = fields.get(name);
            JsonNode value = body.get(name);
            if (kind == null) {
                problems.add(new Problem("/" + name, "unknown field: this request takes " + String.join(", ", fields.keySet())));
            } else if (kind == Kind.TEXT && !value.isTextual()) {
                problems.add(new Problem("/" + name, "must be a string"));
            } else if (kind == Kind.NUMBER && !value.isNumber()) {
                problems.add(new Problem("/" + name, "must be a number"));
            }
        }
        for (String name : required) {
            if (!body.has(name)) {
                problems.add(new Problem("/" + name, "missing"));
            }
        }
        if (!problems.isEmpty()) {
            throw new BadRequest(problems);
        }
        return new ApiRequest(body);
    }

    String text(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    Double number(String field) {
        JsonNode v = body.get(field);
        return v == null || v.isNull() ? null : v.asDouble();
    }
}
