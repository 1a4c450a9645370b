package io.dbrefresh.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    private final PasswordGenerator mysql = PasswordGenerator.forEngine("mysql");

    @Test
    void generate_hasTheAskedLength() {
        assertThat(mysql.generate(32)).hasSize(32);
        assertThat(mysql.generate(8)).hasSize(8);
        assertThat(mysql.generate(41)).hasSize(41);
    }

    @Test
    void generate_usesOnlyCharactersRdsAccepts() {
        for (int i = 0; i < 500; i++) {
            String p = mysql.generate(32);
            assertThat(p).doesNotContain("/", "\"", "@", " ");
            assertThat(p.chars()).allMatch(c -> c >= '!' && c <= '~');
        }
    }

    @Test
    void generate_alwaysHasEveryCharacterClass_evenAtTheMinimumLength() {
        for (int i = 0; i < 2000; i++) {
            String p = mysql.generate(8);
            assertThat(p.chars()).anyMatch(Character::isUpperCase);
            assertThat(p.chars()).anyMatch(Character::isLowerCase);
            assertThat(p.chars()).anyMatch(Character::isDigit);
            assertThat(p.chars()).anyMatch(c -> !Character.isLetterOrDigit(c));
        }
    }

    @Test
    void generate_neverRepeatsItself() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(mysql.generate(16));
        }
        assertThat(seen).hasSize(10_000);
    }

    @Test
    void alphabet_isPrintableAsciiWithoutTheFourRdsRefuses() {
        assertThat(mysql.alphabet()).hasSize(94 - 3);
        assertThat(mysql.symbols()).contains("!", "#", "$", "%", "&", "'", "\\", "~").doesNotContain("/", "\"", "@");
    }

    @Test
    void oracle_alsoLeavesOutAmpersandAndQuote() {
        PasswordGenerator oracle = PasswordGenerator.forEngine("oracle-ee");
        assertThat(oracle.symbols()).doesNotContain("&", "'");
        for (int i = 0; i < 500; i++) {
            assertThat(oracle.generate(30)).doesNotContain("&", "'");
        }
    }

    @Test
    void generate_refusesLessThanRdsMinimum() {
        assertThatThrownBy(() -> mysql.generate(7)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void maxLength_followsRdsPerEngineLimits() {
        assertThat(PasswordGenerator.maxLength("mysql", false)).isEqualTo(41);
        assertThat(PasswordGenerator.maxLength("mariadb", false)).isEqualTo(41);
        assertThat(PasswordGenerator.maxLength("postgres", false)).isEqualTo(128);
        assertThat(PasswordGenerator.maxLength("oracle-se2", false)).isEqualTo(30);
        assertThat(PasswordGenerator.maxLength("sqlserver-ex", false)).isEqualTo(128);
        assertThat(PasswordGenerator.maxLength("aurora-postgresql", true)).isEqualTo(41);
    }
}
