package io.dbrefresh.steps;

import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Run by {@link FunctionJarsIT} in a JVM whose class path is one function jar (and this class):
 * builds each named function's handler as the Lambda runtime does, through its no-argument
 * constructor, primes it, then sends it a real request (its priming input) whose AWS calls go
 * over the wire to the emulator named by {@code DBREFRESH_AWS_ENDPOINT}. Exits 1, naming what
 * failed, when a handler cannot be built, a priming reports a failure, the request fails for
 * want of a class or member (a {@link LinkageError}, a class not found, a provider missing:
 * what a jar shrunk too far or split wrongly would show), or the JDBC drivers registered are not
 * the expected number: a class its jar lacks shows up here, before a deployment does. The
 * request's own answer, or the service error the empty emulated account gives it, is printed,
 * not judged: it runs the handler's real code, its clients, HTTP, signing and error reading.
 */
public final class PrimeInJar {

    /** How many JDBC drivers the class path must register: the layer's, or none. */
    static final String EXPECTED_DRIVERS_ENV = "EXPECTED_JDBC_DRIVERS";

    /**
     * The handler's answer to its priming input, sent as a real request; a failure for want of a
     * class or member is thrown, any other failure is the answer.
     */
    private static String request(StepHandler<?, ?> handler) throws java.io.IOException {
        try {
            String answer = handler.handle(Priming.input(handler.inputType()));
            return answer.length() > 200 ? answer.substring(0, 200) + "..." : answer;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof LinkageError || t instanceof ClassNotFoundException || t instanceof java.util.ServiceConfigurationError) {
                    throw new IllegalStateException("the request needs what the jar lacks: " + t, e);
                }
            }
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

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
                if (System.getenv("DBREFRESH_AWS_ENDPOINT") != null) {
                    System.out.println(name + " answered: " + request(handler));
                }
            } catch (ReflectiveOperationException | java.io.IOException | RuntimeException | LinkageError e) {
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
