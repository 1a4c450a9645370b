package io.dbrefresh.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

import io.dbrefresh.testing.Emulators;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jars the package phase writes into {@code target/lambda}, one per function shape of the
 * registry ({@link FunctionJar}), shrunk by ProGuard, and the drivers' layer: each jar exists,
 * and every function of it builds, primes and answers a real request against moto in a JVM
 * whose class path is that jar alone (with the layer's drivers where it logs in), as on Lambda
 * ({@link PrimeInJar}). A function whose code needs an SDK module or a driver its grants do not
 * bring, or a class or member the shrinking removed, fails here with what it missed. The JVMs
 * of the shapes run side by side, as many at a time as the machine has processors.
 */
class FunctionJarsIT {

    private static final Path FOLDER = Path.of("target/lambda");

    @Test
    void everyFunction_buildsAndPrimes_fromItsOwnJarAlone(@TempDir Path probe) throws Exception {
        Path probeClass = probe.resolve("io/dbrefresh/steps/PrimeInJar.class");
        Files.createDirectories(probeClass.getParent());
        try (InputStream in = PrimeInJar.class.getResourceAsStream("PrimeInJar.class")) {
            Files.write(probeClass, in.readAllBytes());
        }
        List<Path> drivers = layerJars(probe.resolve("layer"));
        Emulators.reset();
        String endpoint = Emulators.endpoint().toString();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        List<java.util.concurrent.Callable<Void>> runs = new ArrayList<>();
        for (FunctionJar jar : FunctionJar.all()) {
            Path file = FOLDER.resolve(jar.fileName());
            assertThat(file).as("the jar of %s", jar).isRegularFile();
            StringBuilder classPath = new StringBuilder(file.toAbsolutePath() + File.pathSeparator + probe);
            if (jar.jdbc()) {
                // as the Java runtime does with a layer's java/lib
                drivers.forEach(d -> classPath.append(File.pathSeparator).append(d));
            }
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classPath.toString(), PrimeInJar.class.getName()));
            StepRegistry.all().stream().filter(f -> FunctionJar.of(f).equals(jar)).map(StepFunction::name).forEach(command::add);
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().put("AWS_REGION", "us-east-1");
            // the request after the priming: the handler's own clients, to moto, with its placeholder keys
            pb.environment().put("DBREFRESH_AWS_ENDPOINT", endpoint);
            pb.environment().put("AWS_ACCESS_KEY_ID", "testing");
            pb.environment().put("AWS_SECRET_ACCESS_KEY", "testing");
            pb.environment().put(PrimeInJar.EXPECTED_DRIVERS_ENV, String.valueOf(jar.jdbc() ? drivers.size() : 0));
            runs.add(() -> {
                Process p = pb.start();
                String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                // each function's answer to its request, in the test's report
                System.out.println(jar.fileName() + ":\n" + output);
                if (!p.waitFor(240, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    failures.add(jar.fileName() + ": no end within 240 s:\n" + output);
                } else if (p.exitValue() != 0) {
                    failures.add(jar.fileName() + ":\n" + output);
                }
                return null;
            });
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            for (java.util.concurrent.Future<Void> run : pool.invokeAll(runs)) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).isEmpty();
    }

    @Test
    void noFunctionJar_holdsTheBuildsPackagingCode() throws IOException {
        for (FunctionJar jar : FunctionJar.all()) {
            try (ZipFile zip = new ZipFile(FOLDER.resolve(jar.fileName()).toFile())) {
                assertThat(zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList())
                        .as("the jar of %s: the code that builds the jars (io.dbrefresh.packaging) runs at build time only", jar)
                        .isNotEmpty()
                        .noneMatch(n -> n.startsWith("io/dbrefresh/packaging/"));
            }
        }
    }

    @Test
    void theDriversLayer_holdsTheFourDriversJars_underJavaLib(@TempDir Path dir) throws IOException {
        assertThat(layerJars(dir)).extracting(p -> p.getFileName().toString().replaceAll("-[0-9].*", ""))
                .containsExactlyInAnyOrder("mariadb-java-client", "postgresql", "mssql-jdbc", "ojdbc11");
    }

    /** The layer's jars, unpacked into {@code dir}; every entry must sit under java/lib. */
    private static List<Path> layerJars(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> jars = new ArrayList<>();
        try (ZipFile layer = new ZipFile(FOLDER.resolve(FunctionJar.DRIVERS_LAYER).toFile())) {
            for (ZipEntry e : layer.stream().toList()) {
                assertThat(e.getName()).startsWith("java/lib/").endsWith(".jar");
                Path jar = dir.resolve(Path.of(e.getName()).getFileName());
                try (InputStream in = layer.getInputStream(e)) {
                    Files.copy(in, jar);
                }
                jars.add(jar);
            }
        }
        return jars;
    }
}
