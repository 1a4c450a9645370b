package io.dbrefresh.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.dbrefresh.local.ExecutionEvent;
import io.dbrefresh.local.ExecutionResult;
import io.dbrefresh.refreshfile.Json;
import io.dbrefresh.testing.Emulators;
import io.dbrefresh.testing.RotationLambdaSimulator;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;

/**
 * A refresh with change-admin-pwd (generated password) and rotate-admin-pwd through the
 * real definition; then every byte the run produced is searched for both passwords.
 */
class PasswordEndToEndIT {

    private static final String SECRET = "development/app1/mysqlinstd/admin";
    private static final String ROTATED = "Rotated-By-The-Lambda-7f3a9c2e1b";

    @Test
    void generatedAndRotatedPasswords_liveOnlyInTheSecret() throws Exception {
        RotationLambdaSimulator rotation = new RotationLambdaSimulator();
        rotation.configure(SECRET);
        rotation.completeRotationsWith(ROTATED);
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream logs = new ByteArrayOutputStream();
        try (LocalWorld world = LocalWorld.seeded("rds-passwords.json", rotation)) {
            rotation.attach(Emulators.clients().secretsManager());
            ExecutionResult result;
            PrintStream capture = new PrintStream(logs, true, StandardCharsets.UTF_8);
            System.setOut(capture);
            System.setErr(capture);
            try {
                result = world.run("e2e-passwords");
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
            assertThat(result.status()).as(result.error() + " " + result.cause()).isEqualTo("SUCCEEDED");

            SecretsManagerClient secrets = Emulators.clients().secretsManager();
            String current = Json.MAPPER.readTree(secrets.getSecretValue(b -> b.secretId(SECRET)).secretString())
                    .get("password").asText();
            assertThat(current).as("rotation moved AWSCURRENT to the new password").isEqualTo(ROTATED);
            String generated = Json.MAPPER.readTree(secrets.getSecretValue(b -> b.secretId(SECRET).versionStage("AWSPREVIOUS"))
                    .secretString()).get("password").asText();
            assertThat(generated).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(ROTATED);
            SecretListEntry entry = secrets.listSecrets().secretList().stream().filter(s -> s.name().equals(SECRET)).findFirst().orElseThrow();
            assertThat(entry).isNotNull();

            List<String> produced = new ArrayList<>();
            for (ExecutionEvent e : world.events) {
                produced.add(String.valueOf(e.input()));
                produced.add(String.valueOf(e.output()));
                produced.add(String.valueOf(e.cause()));
            }
            produced.addAll(world.taskTraffic);
            produced.add(String.valueOf(result.output()));
            produced.add(result.engineLog());
            produced.add(logs.toString(StandardCharsets.UTF_8));
            world.historyRows().forEach(r -> produced.add(r.toString()));
            produced.addAll(world.account.notifications());
            assertThat(produced).as("what the run produced").isNotEmpty();
            for (String password : List.of(generated, ROTATED)) {
                String escaped = Json.MAPPER.writeValueAsString(password);
                escaped = escaped.substring(1, escaped.length() - 1);
                for (String text : produced) {
                    assertThat(text).doesNotContain(password).doesNotContain(escaped);
                }
            }
        }
    }
}
