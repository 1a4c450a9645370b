package io.dbrefresh.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * A Java Lambda reports an exception's fully qualified class name as its error: the state
 * machine's Retry/Catch match it, history rows and notifications carry it, the docs tell
 * operators what it means. Moving or renaming one of these classes changes a public name, so
 * it has to be done with the state machine and the docs, and this list, together.
 */
class ErrorNamesTest {

    /** The names a refresh can fail with, as the state machine, history rows and docs know them. */
    private static final List<String> ERROR_NAMES = List.of(
            "io.dbrefresh.aws.ThrottledException",
            "io.dbrefresh.execution.CopyNotVerifiedException",
            "io.dbrefresh.execution.DatabaseNotFoundException",
            "io.dbrefresh.execution.DeletionProtectedException",
            "io.dbrefresh.execution.InvalidRefreshFileException",
            "io.dbrefresh.execution.PreflightFailedException",
            "io.dbrefresh.execution.RestoreFailedException",
            "io.dbrefresh.execution.StepTimeoutException",
            "io.dbrefresh.execution.TargetLockedException",
            "io.dbrefresh.execution.TargetRefusedException",
            "io.dbrefresh.execution.UnsafeTargetException",
            "io.dbrefresh.fleet.AlignmentException",
            "io.dbrefresh.scripts.CredentialsUnavailableException",
            "io.dbrefresh.scripts.Ec2InstanceNotFoundException",
            "io.dbrefresh.scripts.ScriptNotFoundException",
            "io.dbrefresh.scripts.ScriptSyntaxException",
            "io.dbrefresh.scripts.UnsupportedEngineException",
            "io.dbrefresh.secrets.PasswordChangeFailedException",
            "io.dbrefresh.secrets.RotationFailedException",
            "io.dbrefresh.secrets.RotationNotConfiguredException",
            "io.dbrefresh.secrets.SecretFormatException");

    private static final Pattern NAMED_ERROR = Pattern.compile("io\\.dbrefresh\\.[a-z]+\\.[A-Za-z]+Exception\\b");

    @Test
    void everyPublicErrorName_isAnExceptionClassOfThatName() throws ClassNotFoundException {
        for (String name : ERROR_NAMES) {
            assertThat(Throwable.class).as(name).isAssignableFrom(Class.forName(name));
        }
    }

    @Test
    void everyErrorNameTheStateMachineAndDocsUse_isOneOfThem() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> texts = new ArrayList<>(List.of(root.resolve("README.md"),
                root.resolve("statemachine/refresh.asl.json")));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).forEach(texts::add);
        }
        List<String> used = new ArrayList<>();
        for (Path text : texts) {
            Matcher m = NAMED_ERROR.matcher(Files.readString(text));
            while (m.find()) {
                used.add(m.group());
            }
        }

        assertThat(used).isNotEmpty();
        assertThat(ERROR_NAMES).containsAll(used);
    }
}
