package io.dbrefresh.packaging;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import io.dbrefresh.aws.AwsService;
import io.dbrefresh.steps.FunctionJar;

/**
 * Build step (the functions module's package phase, after the shade): writes, from the one
 * shaded jar shrunk by {@link LambdaShrink}, the jar of each distinct {@link FunctionJar} of the
 * registry into a folder. A jar leaves out the entries of the SDK service modules its function
 * never calls, the SDK classes no kept code can load ({@link ClassReach}) and the JDBC drivers'
 * entries; the drivers' own jars go, unchanged, into the layer
 * {@link FunctionJar#DRIVERS_LAYER} beside them. Which entries a module or a driver owns is
 * read from its own jar on this build's class path, not guessed from package names.
 *
 * <p>Run with the shaded jar, the shrunk jar to write and the output folder as arguments.
 * Never part of a Lambda jar.
 */
public final class LambdaJars {

    static final String SERVICES = "META-INF/services/";
    private static final long LAYER_ENTRY_TIME = 315_532_800_000L;
    static final String SQL_DRIVERS = SERVICES + "java.sql.Driver";

    private LambdaJars() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: LambdaJars <shaded jar> <shrunk jar to write> <output folder>");
        }
        Path shaded = Path.of(args[0]);
        Path shrunk = Path.of(args[1]);
        Path folder = Path.of(args[2]);
        // ProGuard's work folder (the JDK's classes it reads) sits beside the output, in the build's folder
        LambdaShrink.shrink(shaded, shrunk, folder.toAbsolutePath().getParent().resolve("lambda-shrink"));
        write(shrunk, folder);
    }

    /** Writes every function jar of the registry from {@code shaded} into {@code folder}; returns their paths. */
    public static List<Path> write(Path shaded, Path folder) throws IOException {
        Files.createDirectories(folder);
        // a jar of a shape the registry no longer has would otherwise stay and could be deployed
        try (var old = Files.newDirectoryStream(folder, "*.{jar,zip}")) {
            for (Path jar : old) {
                Files.delete(jar);
            }
        }
        Map<String, Set<String>> moduleEntries = new HashMap<>();
        for (AwsService service : AwsService.values()) {
            moduleEntries.put(service.sdkModule(), droppable(entriesOf(jarOf(clientClass(service.sdkModule())))));
        }
        Set<String> driverEntries = new HashSet<>();
        try (ZipFile zip = new ZipFile(shaded.toFile()); RawZip raw = new RawZip(shaded)) {
            List<Path> driverJars = sqlDrivers(zip).stream().map(LambdaJars::jarOf).distinct().toList();
            for (Path driver : driverJars) {
                driverEntries.addAll(droppable(entriesOf(driver)));
            }
            writeLayer(driverJars, folder.resolve(FunctionJar.DRIVERS_LAYER));
            // the SDK classes no kept code can load: the models of the operations no function calls
            Set<String> unreached = ClassReach.unreachable(zip);
            List<Path> written = new ArrayList<>();
            for (FunctionJar jar : FunctionJar.all()) {
                Set<String> leftOut = new HashSet<>();
                moduleEntries.forEach((module, entries) -> {
                    if (!jar.sdkModules().contains(module)) {
                        leftOut.addAll(entries);
                    }
                });
                leftOut.addAll(driverEntries);
                leftOut.addAll(unreached);
                Path out = folder.resolve(jar.fileName());
                copy(zip, raw, out, leftOut);
                written.add(out);
            }
            return written;
        }
    }

    /** A Lambda layer of {@code jars} for the Java runtimes: each under {@code java/lib}, as it is. */
    private static void writeLayer(List<Path> jars, Path layer) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(layer))) {
            for (Path jar : jars) {
                ZipEntry e = new ZipEntry("java/lib/" + jar.getFileName());
                // a fixed time: the same drivers make the same layer, and the same asset to deploy
                e.setTime(LAYER_ENTRY_TIME);
                out.putNextEntry(e);
                Files.copy(jar, out);
                out.closeEntry();
            }
        }
    }

    /** The service's client class, whose jar is the module: {@code software.amazon.awssdk.services.rds.RdsClient}. */
    private static String clientClass(String module) {
        for (AwsService service : AwsService.values()) {
            if (service.sdkModule().equals(module)) {
                String client = CLIENTS.get(service);
                if (client == null) {
                    throw new IllegalStateException("AwsService." + service + " has no client class in LambdaJars.CLIENTS:"
                            + " name it there, so its module's entries are known");
                }
                return client;
            }
        }
        throw new IllegalArgumentException("no service for SDK module " + module);
    }

    // the client class of each service, named (not referenced) so that this build step loads nothing of them
    private static final Map<AwsService, String> CLIENTS = Map.ofEntries(
            Map.entry(AwsService.RDS, "software.amazon.awssdk.services.rds.RdsClient"),
            Map.entry(AwsService.DYNAMODB, "software.amazon.awssdk.services.dynamodb.DynamoDbClient"),
            Map.entry(AwsService.SNS, "software.amazon.awssdk.services.sns.SnsClient"),
            Map.entry(AwsService.S3, "software.amazon.awssdk.services.s3.S3Client"),
            Map.entry(AwsService.SECRETS_MANAGER, "software.amazon.awssdk.services.secretsmanager.SecretsManagerClient"),
            Map.entry(AwsService.SSM, "software.amazon.awssdk.services.ssm.SsmClient"),
            Map.entry(AwsService.SFN, "software.amazon.awssdk.services.sfn.SfnClient"),
            Map.entry(AwsService.LAMBDA, "software.amazon.awssdk.services.lambda.LambdaClient"),
            Map.entry(AwsService.KMS, "software.amazon.awssdk.services.kms.KmsClient"),
            Map.entry(AwsService.SES, "software.amazon.awssdk.services.ses.SesClient"),
            Map.entry(AwsService.EC2, "software.amazon.awssdk.services.ec2.Ec2Client"),
            Map.entry(AwsService.RAM, "software.amazon.awssdk.services.ram.RamClient"));

    /** The driver classes the shaded jar registers with {@code java.sql.DriverManager}. */
    private static List<String> sqlDrivers(ZipFile zip) throws IOException {
        ZipEntry e = zip.getEntry(SQL_DRIVERS);
        if (e == null) {
            throw new IllegalStateException(SQL_DRIVERS + " is missing from the shaded jar");
        }
        try (InputStream in = zip.getInputStream(e)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }

    /** The jar a class of this build's class path comes from. */
    private static Path jarOf(String className) {
        try {
            Class<?> c = Class.forName(className, false, LambdaJars.class.getClassLoader());
            CodeSource source = c.getProtectionDomain().getCodeSource();
            if (source == null) {
                throw new IllegalStateException(className + " has no code source");
            }
            return Path.of(source.getLocation().toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new IllegalStateException("cannot find the jar of " + className, e);
        }
    }

    private static Set<String> entriesOf(Path jar) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Set<String> names = new HashSet<>();
            zip.stream().filter(e -> !e.isDirectory()).forEach(e -> names.add(e.getName()));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What of a jar's entries may be left out: its classes and resources, not the entries of
     * META-INF every jar has (the manifest, licences, service files merged with other jars'),
     * but its own Maven metadata and multi-release classes.
     */
    private static Set<String> droppable(Set<String> entries) {
        Set<String> out = new HashSet<>();
        for (String n : entries) {
            if (!n.startsWith("META-INF/") || n.startsWith("META-INF/maven/") || n.startsWith("META-INF/versions/")
                    || n.startsWith("META-INF/native-image/")) {
                out.add(n);
            }
        }
        return out;
    }

    private static void copy(ZipFile from, RawZip raw, Path to, Set<String> leftOut) throws IOException {
        Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
        Set<String> present = new HashSet<>();
        raw.entries().forEach(e -> present.add(e.name()));
        try (RawZip.Writer out = new RawZip.Writer(tmp)) {
            for (RawZip.Entry e : raw.entries()) {
                String n = e.name();
                if (leftOut.contains(n) || n.startsWith("io/dbrefresh/packaging/")) {
                    continue;
                }
                if (n.startsWith(SERVICES) && !n.endsWith("/")) {
                    // a provider whose class is left out would make the whole ServiceLoader lookup fail
                    String content;
                    try (InputStream in = from.getInputStream(from.getEntry(n))) {
                        content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    }
                    // a provider the shrinking removed (nothing else calls it) is as absent as one left out
                    List<String> kept = content.lines().filter(l -> {
                        String entry = l.strip().replace('.', '/') + ".class";
                        return l.isBlank() || l.strip().startsWith("#") || (!leftOut.contains(entry) && present.contains(entry));
                    }).toList();
                    if (kept.stream().noneMatch(l -> !l.isBlank() && !l.strip().startsWith("#"))) {
                        continue;
                    }
                    if (kept.size() != content.lines().count()) {
                        out.add(e, (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8));
                        continue;
                    }
                }
                out.copy(e, raw.rawData(e));
            }
        }
        Files.move(tmp, to, StandardCopyOption.REPLACE_EXISTING);
    }
}
