package io.dbrefresh.rds;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.dbrefresh.refreshfile.RestoreType;
import io.dbrefresh.testing.Plans;

/** The documented table of inherited settings has a row for every setting the copy is given, with its file key. */
class CopySettingsDocsTest {

    private static final Path DOC = Path.of(System.getProperty("dbrefresh.home", "../")).resolve("docs/refresh-file.md");

    @Test
    void everyInheritedSetting_hasARowInTheDocumentedTable_withItsFileKeyAndWhenItIsApplied() throws IOException {
        String doc = Files.readString(DOC);
        CopySettings settings = CopySettings.of(Plans.restore(RestoreType.LATEST_POINT, "prod", "qa"), Optional.empty());

        assertThat(settings.rows()).allSatisfy(row -> {
            String key = row.path() == null ? "none" : "`" + row.path().substring(row.path().lastIndexOf('/') + 1) + "`";
            String applied = row.atRestore() ? "restore" : "modify";
            assertThat(doc).as(row.name()).containsPattern("(?m)^\\| " + java.util.regex.Pattern.quote(row.name())
                    + " \\| [^|]+ \\| " + applied + " \\| " + java.util.regex.Pattern.quote(key));
        });
    }
}
