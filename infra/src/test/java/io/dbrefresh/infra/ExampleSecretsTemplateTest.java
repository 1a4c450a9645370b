package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.dbrefresh.infra.TemplateStatements.Statement;
import io.dbrefresh.steps.StepRegistry;
import software.amazon.awscdk.assertions.Template;

/**
 * The default deployment runs the example refresh files: every secret they name is one the
 * deployed roles may create, write and read. Without this, the examples' secrets and the
 * policy's scope drift apart and the first real run fails at change-admin-pwd.
 */
class ExampleSecretsTemplateTest {

    private static final Path EXAMPLES = TestDeployments.INFRA.resolve("../refresh-files").normalize();
    private static final String SECRET_ARN = "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:";

    static List<String> exampleSecretNames() throws IOException {
        List<String> names = new ArrayList<>();
        ObjectMapper mapper = new ObjectMapper();
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                collect(mapper.readTree(f.toFile()), names);
            }
        }
        return names;
    }

    private static void collect(JsonNode node, List<String> names) {
        node.fields().forEachRemaining(e -> {
            if (e.getKey().equals("secretname") && e.getValue().isTextual()) {
                names.add(e.getValue().asText());
            } else if (e.getValue().isObject()) {
                collect(e.getValue(), names);
            }
        });
    }

    /** True when an IAM resource pattern ({@code *} any run, {@code ?} one character) covers {@code arn}. */
    private static boolean covers(String pattern, String arn) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return arn.matches(regex.toString());
    }

    private static boolean allowed(Template template, String action, String secretName) {
        // Secrets Manager appends "-" and six random characters to every secret's ARN
        String arn = SECRET_ARN + secretName + "-AbCdEf";
        return TemplateStatements.all(template).stream().filter(Statement::allows)
                .filter(s -> s.actions().contains(action))
                .anyMatch(s -> s.flatResources().stream().anyMatch(r -> covers(r, arn)));
    }

    @Test
    void everySecretTheExamplesName_mayBeCreatedWrittenAndReadByTheDefaultDeployment() throws IOException {
        List<String> names = exampleSecretNames();
        Template template = TestDeployments.defaults().template();

        assertThat(names).hasSizeGreaterThanOrEqualTo(5);
        for (String name : names) {
            for (String action : List.of("secretsmanager:CreateSecret", "secretsmanager:TagResource",
                    "secretsmanager:PutSecretValue", "secretsmanager:GetSecretValue", "secretsmanager:RotateSecret")) {
                assertThat(allowed(template, action, name)).as(action + " on " + name).isTrue();
            }
        }
    }

    @Test
    void aSecretOutsideThePrefix_isNotUsable() {
        Template template = TestDeployments.defaults().template();

        assertThat(allowed(template, "secretsmanager:CreateSecret", "/qa/app1/mysqlinstq/master")).isFalse();
        assertThat(allowed(template, "secretsmanager:GetSecretValue", "prod/app1/master")).isFalse();
    }

    @Test
    void aConfiguredPrefix_scopesEverySecretsStatement() {
        Template template = TestDeployments.synth(Map.of(
                "refreshFiles", TestDeployments.INFRA.resolve("target/no-refresh-files").toString(),
                "secretNamePrefix", "/qa/"), StepRegistry.all()).template();

        assertThat(TemplateStatements.all(template))
                .filteredOn(s -> s.actions().stream().anyMatch(a -> a.startsWith("secretsmanager:")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.flatResources()).containsExactly(SECRET_ARN + "/qa/*"));
        assertThat(allowed(template, "secretsmanager:CreateSecret", "/qa/app1/mysqlinstq/master")).isTrue();
    }
}
