package io.dbrefresh.steps;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Run by {@link FunctionJarsIT} in a JVM whose class path is one function jar (and this class):
 * builds each named function's handler as the Lambda runtime does, through its no-argument
 * constructor, and primes it. Exits 1, naming what failed, when a handler cannot be built, a
 * priming reports a failure, or the JDBC drivers registered are not the expected number: a
 * class its jar lacks shows up here, before a deployment does.
 */
public final class PrimeInJar {

    /** How many JDBC drivers the class path must register: the layer's, or none. */
    static final String EXPECTED_DRIVERS_ENV = "EXPECTED_JDBC_DRIVERS";

    public static void main(String[] functions) {
        List<String> failures = new ArrayList<>();
        for (String name : functions) {
            StepFunction f = StepRegistry.byName(name).orElseThrow(() -> new IllegalArgumentException("no function " + name));
            try {
                StepHandler<?, ?> handler = (StepHandler<?, ?>) Class.forName(f.handlerClass()).getConstructor().newInstance();
                Priming.Primed primed = Priming.prime(handler);
                if (!primed.failures().isEmpty() || !primed.services().equals(Priming.services(handler.getClass()))) {
                    failures.add(name + ": " + primed);
                }
                System.out.println(name + " primed " + primed.services());
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                failures.add(name + ": " + e + (e.getCause() == null ? "" : " caused by " + e.getCause()));
            }
        }
        // the drivers come from the layer, only to the functions that log in: none may be in a jar
        int drivers = Collections.list(DriverManager.getDrivers()).size();
        int expected = Integer.parseInt(System.getenv().getOrDefault(EXPECTED_DRIVERS_ENV, "0"));
        if (drivers != expected) {
            failures.add(drivers + " JDBC drivers registered, " + expected + " expected");
        }
        if (!failures.isEmpty()) {
            failures.forEach(System.out::println);
            System.exit(1);
        }
    }
}
