package io.dbrefresh.secrets;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.dbrefresh.execution.StepInput;
import io.dbrefresh.refreshfile.Json;

/** Step inputs read from the JSON fixtures under {@code secrets/}, with the password block edited per test. */
final class Inputs {

    static final String RDS = "input-rds.json";
    static final String AURORA = "input-aurora.json";

    private Inputs() {
    }

    static ObjectNode tree(String fixture) {
        try (InputStream in = Inputs.class.getResourceAsStream("/secrets/" + fixture)) {
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String fixture) {
        try (InputStream in = Inputs.class.getResourceAsStream("/secrets/" + fixture)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static StepInput load(String fixture) {
        return load(fixture, p -> { });
    }

    /** The fixture with {@code password} applied to its {@code plan.password} block. */
    static StepInput load(String fixture, Consumer<ObjectNode> password) {
        ObjectNode root = tree(fixture);
        ObjectNode block = (ObjectNode) root.path("plan").path("password");
        password.accept(block);
        if (block.hasNonNull("tempPassword")) {
            // as in a real execution: the legacy password is not in the plan but in the refresh file
            root.putObject("refreshFile").putObject("changemasterpwd").put("temppwd", block.get("tempPassword").asText());
        }
        return Json.MAPPER.convertValue(root, StepInput.class);
    }

    /** The same input for another step (the check of rotate-admin-pwd reads its own step's plan). */
    static StepInput forStep(StepInput in, io.dbrefresh.refreshfile.StepId step) {
        return new StepInput(in.plan(), in.results(), in.execution(), step, in.outcome(), in.error(), in.recovery(),
                in.refreshFile());
    }

    static String json(Object o) {
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
