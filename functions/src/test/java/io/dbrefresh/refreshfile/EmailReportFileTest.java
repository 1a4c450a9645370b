package io.dbrefresh.refreshfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** sendmsg.email: read into the plan when right, every mistake reported at its own JSON path. */
class EmailReportFileTest {

    @Test
    void email_isReadIntoThePlan_withToAsAListAndCcOptional() {
        RefreshPlan plan = Fixture.of("rds.json").with("/sendmsg/torun", true)
                .with("/sendmsg/email", Map.of("from", "dbrefresh@example.com", "to", List.of("dba@example.com", "qa-team@example.org"),
                        "configurationset", "dbrefresh-events"))
                .plan();

        assertThat(plan.email()).isEqualTo(new EmailSpec("dbrefresh@example.com",
                List.of("dba@example.com", "qa-team@example.org"), List.of(), "dbrefresh-events"));
    }

    @Test
    void email_toAsASingleString_isAListOfOne() {
        RefreshPlan plan = Fixture.of("rds.json").with("/sendmsg/torun", true)
                .with("/sendmsg/email", Map.of("from", "dbrefresh@example.com", "to", "dba@example.com", "cc", List.of("lead@example.com")))
                .plan();

        assertThat(plan.email().to()).containsExactly("dba@example.com");
        assertThat(plan.email().cc()).containsExactly("lead@example.com");
    }

    @Test
    void noEmail_leavesThePlanWithoutOne() {
        assertThat(Fixture.of("rds.json").plan().email()).isNull();
    }

    @Test
    void everyWrongValue_isReportedAtItsPath_inOneRead() {
        RefreshFileResult result = Fixture.of("rds.json").with("/sendmsg/torun", true)
                .with("/sendmsg/email", Map.of("from", "not an address", "to", List.of("dba@example.com", "nobody", 3),
                        "configurationset", "has space", "bcc", "x@example.com"))
                .read();

        assertThat(result.plan()).isNull();
        assertThat(result.errors()).extracting(Problem::path).contains(
                "/sendmsg/email/from", "/sendmsg/email/to/1", "/sendmsg/email/to/2",
                "/sendmsg/email/configurationset", "/sendmsg/email/bcc");
        assertThat(result.errors()).filteredOn(p -> p.path().equals("/sendmsg/email/to/1"))
                .extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("e-mail address", "\"nobody\""));
        assertThat(result.errors()).extracting(Problem::path).doesNotContain("/sendmsg/email/to/0");
    }

    @Test
    void missingFromAndTo_areBothReported() {
        RefreshFileResult result = Fixture.of("rds.json").with("/sendmsg/torun", true).with("/sendmsg/email", Map.of()).read();

        assertThat(result.errors()).extracting(Problem::path).contains("/sendmsg/email/from", "/sendmsg/email/to");
    }

    @Test
    void emailThatIsNotAnObject_isAnErrorAtItsPath() {
        RefreshFileResult result = Fixture.of("rds.json").with("/sendmsg/torun", true).with("/sendmsg/email", "dba@example.com").read();

        assertThat(result.errors()).extracting(Problem::path).contains("/sendmsg/email");
    }

    @Test
    void moreRecipientsThanSesSendsTo_isRefusedBeforeTheRefresh() {
        List<String> many = java.util.stream.IntStream.range(0, 51).mapToObj(i -> "dba" + i + "@example.com").toList();
        RefreshFileResult result = Fixture.of("rds.json").with("/sendmsg/torun", true)
                .with("/sendmsg/email", Map.of("from", "dbrefresh@example.com", "to", many)).read();

        assertThat(result.errors()).extracting(Problem::path).contains("/sendmsg/email/to");
        assertThat(result.errors()).extracting(Problem::message).anySatisfy(m -> assertThat(m).contains("51 recipients"));
    }
}
