import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Stands in for the Lambda runtime in the cold-start and priming benchmarks: builds the
 * handler the way the runtime does (by reflection, no-argument constructor) and hands it
 * stdin and stdout. With no argument it only starts and stops the JVM: the floor every Java
 * run pays. With {@code --prime} first, it runs the handler's CRaC {@code beforeCheckpoint}
 * before the request, as SnapStart does before it takes the snapshot that later requests are
 * served from. {@code --repeat} sends the request a second time (a warm request). The
 * requests' durations go to stderr ({@code first-request-ms=...}); stdout holds the first answer.
 */
public final class Invoke {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        List<String> flags = List.of(args).subList(0, args.length - 1);
        boolean prime = flags.contains("--prime");
        String handlerClass = args[args.length - 1];
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        if (prime) {
            long start = System.nanoTime();
            ((org.crac.Resource) handler).beforeCheckpoint(null);
            System.err.printf("priming-ms=%.1f%n", (System.nanoTime() - start) / 1e6);
        }
        byte[] request = System.in.readAllBytes();
        long[] took = new long[flags.contains("--repeat") ? 2 : 1];
        byte[] firstAnswer = null;
        for (int i = 0; i < took.length; i++) {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            long start = System.nanoTime();
            handler.handleRequest(new ByteArrayInputStream(request), answer, null);
            took[i] = System.nanoTime() - start;
            if (firstAnswer == null) {
                firstAnswer = answer.toByteArray();
            }
        }
        OutputStream out = new BufferedOutputStream(System.out);
        out.write(firstAnswer);
        out.flush();
        System.err.printf("first-request-ms=%.1f%n", took[0] / 1e6);
        if (took.length > 1) {
            System.err.printf("second-request-ms=%.1f%n", took[1] / 1e6);
        }
    }
}
