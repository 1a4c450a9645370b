package io.dbrefresh.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import io.dbrefresh.refreshfile.Problem;
import io.dbrefresh.refreshfile.RefreshFileResult;
import io.dbrefresh.refreshfile.RefreshFiles;

/**
 * A refresh file named on the command line: read and checked, or the reason it could not be
 * read at all (a usage error: the file is missing, a directory, unreadable).
 */
record RefreshFileInput(Path file, RefreshFileResult result, String unreadable) {

    static RefreshFileInput read(Path file) {
        if (Files.isDirectory(file)) {
            return new RefreshFileInput(file, null, file + " is a directory, not a refresh file");
        }
        try {
            return new RefreshFileInput(file, RefreshFiles.read(Files.readString(file)), null);
        } catch (NoSuchFileException e) {
            return new RefreshFileInput(file, null, file + ": no such file");
        } catch (CharacterCodingException e) {
            // the file is there but is not text: a mistake in the file, not in the command
            Problem notText = new Problem("", "is not UTF-8 text: a refresh file is a JSON document");
            return new RefreshFileInput(file, new RefreshFileResult(null, List.of(notText), List.of()), null);
        } catch (IOException e) {
            return new RefreshFileInput(file, null, file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
