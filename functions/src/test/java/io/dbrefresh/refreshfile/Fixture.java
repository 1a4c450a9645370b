package io.dbrefresh.refreshfile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A refresh-file fixture from src/test/resources/refreshfile, edited value by value for one test. */
final class Fixture {

    /** Tests read restore times against this instant, not the machine's clock. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode root;

    private Fixture(ObjectNode root) {
        this.root = root;
    }

    static Fixture of(String name) {
        try (InputStream in = Fixture.class.getResourceAsStream("/refreshfile/" + name)) {
            return new Fixture((ObjectNode) MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets (or, with a null value, removes) the value at a pointer such as /restore/port; missing objects are created. */
    Fixture with(String pointer, Object value) {
        String[] parts = pointer.substring(1).split("/");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        String key = parts[parts.length - 1];
        if (value == null) {
            node.remove(key);
        } else {
            node.set(key, MAPPER.valueToTree(value));
        }
        return this;
    }

    /** Sets a JSON null, which differs from leaving the key out. */
    Fixture withNull(String pointer) {
        with(pointer, "placeholder");
        JsonNode parent = root.at(pointer.substring(0, pointer.lastIndexOf('/')));
        ((ObjectNode) parent).putNull(pointer.substring(pointer.lastIndexOf('/') + 1));
        return this;
    }

    String json() {
        return root.toString();
    }

    RefreshFileResult read() {
        return RefreshFiles.read(json(), CLOCK);
    }

    RefreshPlan plan() {
        RefreshFileResult result = read();
        if (!result.valid()) {
            throw new AssertionError("expected a valid file, got " + result.errors());
        }
        return result.plan();
    }
}
