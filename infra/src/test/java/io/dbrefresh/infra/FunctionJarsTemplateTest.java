package io.dbrefresh.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;

import io.dbrefresh.steps.Capability;
import io.dbrefresh.steps.FunctionJar;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Each function deploys the jar of its shape (its SDK modules, its drivers) from the build's folder of jars. */
class FunctionJarsTemplateTest {

    @Test
    void eachFunction_deploysTheJarOfItsShape_andFunctionsOfOneShapeShareOneAsset() throws IOException {
        Template t = synthWithFolderOfJars();

        Map<FunctionJar, Object> codeOfShape = new HashMap<>();
        Map<Object, FunctionJar> shapeOfCode = new HashMap<>();
        for (StepFunction f : StepRegistry.all()) {
            Object code = codeOf(t, f);
            FunctionJar shape = FunctionJar.of(f);
            assertThat(codeOfShape.computeIfAbsent(shape, s -> code)).as("the code of %s", f.name()).isEqualTo(code);
            assertThat(shapeOfCode.computeIfAbsent(code, c -> shape)).as("the jar of %s", f.name()).isEqualTo(shape);
        }
        assertThat(codeOfShape).hasSize(FunctionJar.all().size());
    }

    @Test
    void theFunctionsThatLogIn_andOnlyThey_deployWithTheDriversLayer() throws IOException {
        Template t = synthWithFolderOfJars();

        t.resourceCountIs("AWS::Lambda::LayerVersion", 1);
        String layer = t.findResources("AWS::Lambda::LayerVersion").keySet().iterator().next();
        for (StepFunction f : StepRegistry.all()) {
            Object layers = properties(t, f).get("Layers");
            if (f.grants().contains(Capability.DATABASE_LOGIN)) {
                assertThat(layers).as(f.name()).isEqualTo(List.of(Map.of("Ref", layer)));
            } else {
                assertThat(layers).as(f.name()).isNull();
            }
        }
    }

    @Test
    void oneJarForEveryFunction_carriesTheDriversItself_noLayer() {
        TestDeployments.defaults().template().resourceCountIs("AWS::Lambda::LayerVersion", 0);
    }

    @Test
    void aFolderWithoutAFunctionsJar_isRefusedNamingTheFunction() throws IOException {
        Path folder = TestDeployments.INFRA.resolve("target/test-functions/no-jars");
        Files.createDirectories(folder);

        assertThatThrownBy(() -> TestDeployments.synth(Map.of("functionsJar", folder.toString()), StepRegistry.all()))
                .hasStackTraceContaining(InvalidDeploymentSettingsException.class.getSimpleName())
                .hasStackTraceContaining("the jar of function ")
                .hasStackTraceContaining(folder.resolve(FunctionJar.of(StepRegistry.VALIDATE).fileName()).toString());
    }

    /** The stack synthesized from a folder of stand-in jars, one per shape, and the drivers' layer. */
    private static synchronized Template synthWithFolderOfJars() throws IOException {
        if (folderSynth == null) {
            Path folder = TestDeployments.INFRA.resolve("target/test-functions/jars");
            for (FunctionJar jar : FunctionJar.all()) {
                standIn(folder.resolve(jar.fileName()));
            }
            standIn(folder.resolve(FunctionJar.DRIVERS_LAYER));
            folderSynth = TestDeployments.synth(Map.of("functionsJar", folder.toString()), StepRegistry.all()).template();
        }
        return folderSynth;
    }

    private static Template folderSynth;

    private static Object codeOf(Template t, StepFunction f) {
        return properties(t, f).get("Code");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> properties(Template t, StepFunction f) {
        Map<String, Map<String, Object>> functions = t.findResources("AWS::Lambda::Function",
                Match.objectLike(Map.of("Properties", Match.objectLike(Map.of("Handler", f.lambdaHandler())))));
        assertThat(functions).as(f.name()).hasSize(1);
        return (Map<String, Object>) functions.values().iterator().next().get("Properties");
    }

    /** A jar whose content names it, so two shapes never hash to one asset. */
    private static void standIn(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            zip.putNextEntry(new ZipEntry("README.txt"));
            zip.write(("stand-in for " + jar.getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
    }
}
