package io.dbrefresh.rds;

import java.util.ArrayList;
import java.util.List;

/** Takes each setting from the refresh file, else from the old database, and remembers which it was. */
final class SettingPicker {

    private final boolean hasOld;
    private final List<CopySettings.Setting> rows = new ArrayList<>();

    SettingPicker(boolean hasOld) {
        this.hasOld = hasOld;
    }

    <T> T pick(String name, String path, T file, T old, boolean atRestore) {
        if (file != null) {
            rows.add(new CopySettings.Setting(name, path, file, CopySettings.Origin.FILE, atRestore));
            return file;
        }
        if (old != null && hasOld) {
            rows.add(new CopySettings.Setting(name, path, old, CopySettings.Origin.OLD_TARGET, atRestore));
            return old;
        }
        rows.add(new CopySettings.Setting(name, path, null, CopySettings.Origin.DEFAULT, atRestore));
        return null;
    }

    List<CopySettings.Setting> rows() {
        return List.copyOf(rows);
    }
}
