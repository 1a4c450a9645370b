package io.dbrefresh.steps;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.dbrefresh.aws.AwsService;

/**
 * The jar a function deploys: everything of the functions module but the SDK modules of the
 * services its grants never call, and never the JDBC drivers: they deploy once, as the Lambda
 * layer {@link #DRIVERS_LAYER}, to the functions that log in to databases. Read
 * from {@link StepRegistry} by the build (which writes one jar per distinct shape) and by the
 * CDK app (which points each function at its jar), so a new step gets the modules its grants
 * name, and a grant without its module cannot be deployed.
 *
 * @param services the AWS services the function's grants call
 * @param jdbc     whether it opens database connections ({@link Capability#DATABASE_LOGIN}): it then
 *                 deploys with the drivers' layer
 */
public record FunctionJar(Set<AwsService> services, boolean jdbc) {

    /**
     * The Lambda layer of the JDBC drivers (the four drivers' own jars under {@code java/lib},
     * which the Java runtime puts on the class path), written beside the jars: 9.6 MiB that the
     * functions logging in share instead of each carrying a copy.
     */
    public static final String DRIVERS_LAYER = "lambda-layer-jdbc-drivers.zip";

    /**
     * SDK modules every jar holds whatever its grants, both small: STS, for the clients of another
     * account ({@code AwsClients.assumingRole}), which any step of a cross-account refresh may
     * build; Secrets Manager, whose exception types the scripts step's classes link even where
     * only the script runner reads a secret (the step that starts the run prepares it with them).
     */
    public static final Set<String> ALWAYS = Set.of("sts", "secretsmanager");

    public FunctionJar {
        services = services.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(services));
    }

    /** The jar of {@code function}. */
    public static FunctionJar of(StepFunction function) {
        Set<AwsService> services = EnumSet.noneOf(AwsService.class);
        function.grants().stream().flatMap(c -> c.services().stream()).forEach(services::add);
        return new FunctionJar(services, function.grants().contains(Capability.DATABASE_LOGIN));
    }

    /** Every distinct jar the registry's functions need, in a stable order. */
    public static List<FunctionJar> all() {
        return StepRegistry.all().stream().map(FunctionJar::of).collect(Collectors.toCollection(LinkedHashSet::new))
                .stream().sorted(Comparator.comparing(FunctionJar::fileName)).toList();
    }

    /** The SDK service modules this jar holds (the packages under {@code software.amazon.awssdk.services}). */
    public Set<String> sdkModules() {
        Set<String> modules = new TreeSet<>(ALWAYS);
        services.forEach(s -> modules.add(s.sdkModule()));
        return modules;
    }

    /** Its file name: the services it calls, and whether it logs in (with the drivers' layer), e.g. {@code lambda-rds-s3-jdbc.jar}. */
    public String fileName() {
        String name = services.stream().map(AwsService::sdkModule).sorted().collect(Collectors.joining("-"));
        return "lambda-" + (name.isEmpty() ? "plain" : name) + (jdbc ? "-jdbc" : "") + ".jar";
    }
}
