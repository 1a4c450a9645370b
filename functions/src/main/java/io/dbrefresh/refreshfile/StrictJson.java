package io.dbrefresh.refreshfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How the files people write (refresh files, fleet files) are parsed: a duplicate key is
 * refused, because with last-one-wins a DBA's second "torun" would silently decide; so is
 * anything after the one document; and the parser's messages do not quote the file back.
 */
public final class StrictJson {

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private StrictJson() {
    }

    /** The problem with text {@link #MAPPER} could not parse: {@code why}, after the line and column when the parser knows them. */
    public static String notValid(JsonProcessingException e, String why) {
        return e.getLocation() == null
                ? "is not valid JSON: " + why
                : "is not valid JSON: line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": " + why;
    }
}
