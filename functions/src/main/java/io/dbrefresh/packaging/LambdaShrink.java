package io.dbrefresh.packaging;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import proguard.Configuration;
import proguard.ConfigurationParser;
import proguard.ParseException;
import proguard.ProGuard;

/**
 * Build step before {@link LambdaJars}: shrinks the shaded jar with ProGuard, member by member,
 * to what the functions' code can reach, so each function jar written from it stays within
 * 20 MiB. Only shrinking: nothing is renamed or optimised, and everything that is not an AWS
 * SDK class is kept whole (our code, Jackson, the schema validator, the drivers), as are the
 * SDK classes found by name at run time (the rules: {@code lambda-shrink.pro} beside this
 * class). What goes is what no kept code calls: mostly the request and response models of the
 * SDK operations no function uses.
 *
 * <p>The JDK's class library, which ProGuard needs to see which methods override the
 * library's, is read from the running JDK's own image ({@code jrt:/}), so no {@code jmods}
 * folder is needed.
 */
public final class LambdaShrink {

    static final String RULES = "lambda-shrink.pro";
    // the JDK modules the AWS SDK's classes build on: only they are shrunk, so only their super types and the library
    // methods they override must be known; what else the shaded jar links only makes warnings, which the rules mute
    private static final List<String> JDK_MODULES = List.of("java.base", "java.logging", "java.management", "java.naming",
            "java.net.http", "java.sql", "java.xml", "jdk.unsupported");

    private LambdaShrink() {
    }

    /** Writes {@code shaded} shrunk to {@code shrunk}, with the JDK's classes unpacked into {@code work} for ProGuard. */
    public static void shrink(Path shaded, Path shrunk, Path work) throws IOException {
        Path jdk = jdkClasses(work);
        StringBuilder config = new StringBuilder();
        config.append("-injars ").append(quoted(shaded)).append("(!META-INF/versions/**)\n");
        Path tmp = shrunk.resolveSibling(shrunk.getFileName() + ".tmp.jar");
        Files.deleteIfExists(tmp);
        config.append("-outjars ").append(quoted(tmp)).append('\n');
        for (String module : JDK_MODULES) {
            Path dir = jdk.resolve(module);
            if (Files.isDirectory(dir)) {
                config.append("-libraryjars ").append(quoted(dir)).append("(!module-info.class)\n");
            }
        }
        try (InputStream in = LambdaShrink.class.getResourceAsStream(RULES)) {
            if (in == null) {
                throw new IllegalStateException(RULES + " is missing beside " + LambdaShrink.class.getName());
            }
            config.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
        }
        // what ServiceLoader finds by name (HTTP client, JDBC drivers, logging bindings): kept with its constructor
        for (String provider : providers(shaded)) {
            config.append("-keep class ").append(provider).append(" { <init>(); }\n");
        }
        Configuration configuration = new Configuration();
        try (ConfigurationParser parser = new ConfigurationParser(config.toString(), RULES, work.toFile(), System.getProperties())) {
            parser.parse(configuration);
        } catch (ParseException e) {
            throw new IllegalStateException("the shrinking rules do not parse: " + e.getMessage(), e);
        }
        try {
            new ProGuard(configuration).execute();
        } catch (Exception e) {
            throw new IllegalStateException("ProGuard failed on " + shaded + ": " + e.getMessage(), e);
        }
        Files.move(tmp, shrunk, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Every provider class the shaded jar's {@code META-INF/services} files name. */
    static List<String> providers(Path jar) throws IOException {
        List<String> providers = new java.util.ArrayList<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : zip.stream().toList()) {
                if (!e.getName().startsWith(LambdaJars.SERVICES) || e.isDirectory()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(l -> l.replaceAll("#.*", "").strip())
                            .filter(l -> !l.isEmpty()).forEach(providers::add);
                }
            }
        }
        return providers;
    }

    /** The running JDK's class files, per module, unpacked once per JDK version into {@code work}. */
    private static Path jdkClasses(Path work) throws IOException {
        Path dir = work.resolve("jdk-" + Runtime.version().toString().replaceAll("[^A-Za-z0-9.+-]", "_"));
        if (Files.isDirectory(dir)) {
            return dir;
        }
        Path staging = work.resolve(dir.getFileName() + ".staging");
        deleteTree(staging);
        FileSystem jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        for (String module : JDK_MODULES) {
            Path root = jrt.getPath("/modules", module);
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    Path to = staging.resolve(module).resolve(root.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to);
                }
            }
        }
        Files.move(staging, dir);
        return dir;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static String quoted(Path p) {
        String s = p.toAbsolutePath().toString();
        if (s.contains("'")) {
            throw new IllegalArgumentException("cannot name a path with a quote to ProGuard: " + s);
        }
        return "'" + s.replace(File.separatorChar, '/') + "'";
    }
}
