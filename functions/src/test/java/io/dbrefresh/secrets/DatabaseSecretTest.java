package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.Json;

class DatabaseSecretTest {

    private static final DatabaseTarget INSTANCE = new DatabaseTarget(new TargetRef(false, "mysqlinstd"), "arn:aws:rds:us-east-1:1:db:mysqlinstd",
            "mysql", "available", "mysqlinstd.abc.us-east-1.rds.amazonaws.com", 3306, "admin", "shop", false, null, null, null);

    @Test
    void of_writesTheShapeRdsAndTheRotationTemplatesRead() throws Exception {
        JsonNode json = Json.MAPPER.valueToTree(DatabaseSecret.of(INSTANCE, "S3cret!pass"));

        assertThat(json.get("engine").asText()).isEqualTo("mysql");
        assertThat(json.get("host").asText()).isEqualTo("mysqlinstd.abc.us-east-1.rds.amazonaws.com");
        assertThat(json.get("port").isInt()).as("port is a number, as the templates expect").isTrue();
        assertThat(json.get("username").asText()).isEqualTo("admin");
        assertThat(json.get("password").asText()).isEqualTo("S3cret!pass");
        assertThat(json.get("dbname").asText()).isEqualTo("shop");
        assertThat(json.get("dbInstanceIdentifier").asText()).isEqualTo("mysqlinstd");
        assertThat(json.has("dbClusterIdentifier")).isFalse();
    }

    @Test
    void overlay_replacesOurKeysAndKeepsTheApplicationsOwn() throws Exception {
        JsonNode existing = Json.MAPPER.readTree(Inputs.text("existing-app-secret.json"));

        JsonNode merged = DatabaseSecret.of(INSTANCE, "S3cret!pass").overlay(existing);

        assertThat(merged.get("host").asText()).isEqualTo("mysqlinstd.abc.us-east-1.rds.amazonaws.com");
        assertThat(merged.get("password").asText()).isEqualTo("S3cret!pass");
        assertThat(merged.get("poolSize").asInt()).isEqualTo(20);
        assertThat(merged.get("readerHost").asText()).startsWith("mysqlinstd-ro1.");
    }

    @Test
    void toString_masksThePassword() {
        assertThat(DatabaseSecret.of(INSTANCE, "S3cret!pass").toString()).doesNotContain("S3cret!pass").contains("password=****");
    }

    @Test
    void parse_ofANonJsonValue_failsWithoutQuotingIt() {
        assertThatThrownBy(() -> DatabaseSecret.parse("plain-text-password-123"))
                .isInstanceOf(SecretFormatException.class).hasMessageNotContaining("plain-text-password-123");
    }
}
