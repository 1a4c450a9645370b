package io.dbrefresh.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/** The shaded Lambda jar (built in package, before integration tests) holds one HTTP client and nothing only a local run needs. */
class LambdaJarIT {

    @Test
    void lambdaJar_holdsTheUrlConnectionClient_andNoNettyOrApacheClient() throws IOException {
        List<String> classes = classesOf(lambdaJar());

        assertThat(classes).anyMatch(n -> n.startsWith("software/amazon/awssdk/http/urlconnection/"));
        assertThat(classes).noneMatch(n -> n.startsWith("io/netty/") || n.startsWith("software/amazon/awssdk/http/nio/netty/"));
        assertThat(classes).noneMatch(n -> n.startsWith("org/apache/http/") || n.startsWith("org/apache/hc/")
                || n.startsWith("software/amazon/awssdk/http/apache"));
    }

    @Test
    void lambdaJar_holdsTheHandlers_andNoLocalOnlyTooling() throws IOException {
        List<String> classes = classesOf(lambdaJar());

        assertThat(classes).contains("io/dbrefresh/steps/PerformRestore.class", "io/dbrefresh/steps/CheckStep.class");
        assertThat(classes).as("the moto launcher and whatever else only a run without AWS needs")
                .noneMatch(n -> n.startsWith("io/dbrefresh/local/"));
        assertThat(classes).as("a local run's databases and in-process script runner: the local side fills the environment's seam")
                .noneMatch(n -> n.startsWith("io/dbrefresh/") && (n.contains("InProcess") || n.contains("Override")
                        || n.contains("Local") || n.contains("Emulat") || n.contains("Moto")));
        assertThat(classes).as("embedded database servers").noneMatch(n -> n.startsWith("ch/vorburger/") || n.startsWith("io/zonky/"));
        assertThat(classes).as("build-time code: the state machine generator and the CDK app")
                .noneMatch(n -> n.startsWith("io/dbrefresh/infra/") || n.endsWith("/StateMachineDefinition.class"));
    }

    private static Path lambdaJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().matches("dbrefresh-functions-.*-lambda\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no Lambda jar in target: run the package phase first"));
        }
    }

    private static List<String> classesOf(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class")).toList();
        }
    }
}
