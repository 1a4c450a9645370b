import java.sql.Connection;
import java.sql.Statement;

import io.dbrefresh.testing.EmbeddedDatabases;

/**
 * Starts the tests' embedded MariaDB server (what the first database test of a test JVM pays),
 * runs one query on it, prints the seconds that took, and exits (the shutdown hook stops the server).
 */
public final class StartTestServer {

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        EmbeddedDatabases.Server server = EmbeddedDatabases.mariaDb();
        try (Connection c = server.connect(null); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        System.out.printf("%.2f%n", (System.nanoTime() - start) / 1e9);
        System.out.flush();
        // as a test JVM ends: the server's process threads would keep this JVM alive, its shutdown hook stops the server
        System.exit(0);
    }
}
