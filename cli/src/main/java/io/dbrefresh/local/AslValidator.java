package io.dbrefresh.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Checks a state machine definition with the npm package asl-validator: the ASL schema, that
 * every transition has a target, terminal states, duplicate names, JSONPath syntax. It accepts
 * {@code ${...}} placeholders, so the definition file can be checked as it is stored.
 */
public final class AslValidator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 60;

    private final EngineDirectory engine;

    public AslValidator() {
        this(EngineDirectory.locate());
    }

    public AslValidator(EngineDirectory engine) {
        this.engine = engine;
    }

    /** One finding, e.g. {@code MISSING_TRANSITION_TARGET: Missing 'StartAt'|'Next'|'Default' target: B}. */
    public record AslError(String code, String message) {
        @Override
        public String toString() {
            return code + ": " + message;
        }
    }

    /** @return the definition's errors; empty when it is valid */
    public List<AslError> validate(Path definitionFile) {
        try {
            return validate(Files.readString(definitionFile));
        } catch (IOException e) {
            throw new LocalEngineException("Cannot read " + definitionFile, e);
        }
    }

    /** @return the definition's errors; empty when it is valid */
    public List<AslError> validate(String definitionJson) {
        engine.ensureInstalled();
        Process node = engine.startScript("validate-asl.mjs");
        try {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> readAll(node.getInputStream()));
            CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(node.getErrorStream()));
            try (OutputStream stdin = node.getOutputStream()) {
                stdin.write(definitionJson.getBytes(StandardCharsets.UTF_8));
            }
            if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new LocalEngineException("asl-validator did not answer in " + TIMEOUT_SECONDS + " s");
            }
            String out = new String(stdout.join(), StandardCharsets.UTF_8);
            if (node.exitValue() != 0 && node.exitValue() != 1) {
                throw new LocalEngineException("asl-validator failed (exit " + node.exitValue() + "): "
                        + new String(stderr.join(), StandardCharsets.UTF_8) + out);
            }
            List<AslError> errors = new ArrayList<>();
            for (JsonNode error : JSON.readTree(out).path("errors")) {
                errors.add(new AslError(error.path("code").asText(), error.path("message").asText()));
            }
            if (node.exitValue() == 1 && errors.isEmpty()) {
                throw new LocalEngineException("asl-validator rejected the definition without saying why: " + out);
            }
            return List.copyOf(errors);
        } catch (IOException e) {
            throw new LocalEngineException("Lost contact with asl-validator", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LocalEngineException("Interrupted while asl-validator was running", e);
        } finally {
            node.destroyForcibly();
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
