package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The cache folder is found as the moto set-up (cli/bin/python-tools.sh) finds it. */
class MariaDbCacheTest {

    @Test
    void userCacheFolder_dbrefreshCacheWinsOverXdg() {
        assertThat(MariaDbCache.userCacheFolder(Map.of("DBREFRESH_CACHE", "/c/own", "XDG_CACHE_HOME", "/c/xdg")))
                .isEqualTo(Path.of("/c/own"));
    }

    @Test
    void userCacheFolder_xdgCacheHomeGetsADbrefreshFolder() {
        assertThat(MariaDbCache.userCacheFolder(Map.of("XDG_CACHE_HOME", "/c/xdg"))).isEqualTo(Path.of("/c/xdg", "dbrefresh"));
    }

    @Test
    void userCacheFolder_elseTheHomeCache() {
        assertThat(MariaDbCache.userCacheFolder(Map.of("DBREFRESH_CACHE", " ")))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "dbrefresh"));
    }
}
