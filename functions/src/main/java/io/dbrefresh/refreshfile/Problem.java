package io.dbrefresh.refreshfile;

/**
 * One thing wrong with (or worth knowing about) a refresh file.
 *
 * @param path    JSON Pointer to the value concerned ({@code /restore/wait_time}); {@code ""} is the whole file
 * @param message what is wrong and what would be valid
 */
public record Problem(String path, String message) {

    /** The path as people read it: the root, which is an empty pointer, is shown as "(top level)". */
    public String displayPath() {
        return path.isEmpty() ? "(top level)" : path;
    }

    @Override
    public String toString() {
        return displayPath() + ": " + message;
    }
}
