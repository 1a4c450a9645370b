package io.dbrefresh.testing;

import java.util.Locale;
import java.util.Set;

/**
 * Which emulator the test harness uses, chosen by one setting: the system property
 * {@value #PROPERTY} or, when that is unset, the environment variable {@value #ENV}
 * ({@code moto} or {@code localstack}; moto when neither is set).
 */
public enum Emulator {
    MOTO,
    LOCALSTACK;

    public static final String PROPERTY = "dbrefresh.emulator";
    public static final String ENV = "DBREFRESH_EMULATOR";

    /**
     * What LocalStack's free edition emulates of what dbrefresh uses, by the SDK's
     * {@code SERVICE_NAME}. RDS is not among them (a paid feature), nor EC2's subnets that
     * moto's RDS subnet groups are checked against: those stay on moto.
     */
    static final Set<String> LOCALSTACK_SERVICES = Set.of("dynamodb", "sns", "sqs", "s3", "secretsmanager", "ssm");

    /** The emulator this JVM's settings select. */
    public static Emulator selected() {
        return parse(System.getProperty(PROPERTY), System.getenv(ENV));
    }

    /** The property wins over the environment; a value neither moto nor localstack fails rather than guessing. */
    static Emulator parse(String property, String environment) {
        String value = property != null && !property.isBlank() ? property
                : environment != null && !environment.isBlank() ? environment : null;
        if (value == null) {
            return MOTO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "moto" -> MOTO;
            case "localstack" -> LOCALSTACK;
            default -> throw new IllegalArgumentException("unknown emulator '" + value + "' in " + PROPERTY + "/" + ENV
                    + ": use moto or localstack");
        };
    }

    /** The emulator that answers for {@code serviceName} when this one is selected. */
    public Emulator serving(String serviceName) {
        return this == LOCALSTACK && LOCALSTACK_SERVICES.contains(serviceName) ? LOCALSTACK : MOTO;
    }
}
