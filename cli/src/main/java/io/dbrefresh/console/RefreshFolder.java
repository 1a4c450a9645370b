package io.dbrefresh.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The folder of refresh files the console lists, opens and saves into. Only plain names
 * ending in .json are accepted, so no request reaches outside the folder.
 */
final class RefreshFolder {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}\\.json");

    private final Path folder;

    RefreshFolder(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    Path path() {
        return folder;
    }

    List<String> names() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString())
                    .filter(n -> NAME.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's text, or null when there is no such file. */
    String read(String name) throws IOException {
        Path file = resolve(name);
        return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    }

    /** Writes the file whole or not at all: a failed save never leaves half a file under the name. */
    Path save(String name, String text) throws IOException {
        Path file = resolve(name);
        Files.createDirectories(folder);
        Path partial = Files.createTempFile(folder, ".saving-", ".json");
        try {
            Files.writeString(partial, text, StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
        return file;
    }

    private Path resolve(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ApiRequest.BadRequest("/name", "must be a file name of letters, digits, '.', '_' or '-' ending in .json"
                    + " (at most 104 characters, no folder)");
        }
        return folder.resolve(name);
    }
}
