import java.io.BufferedOutputStream;
import java.io.OutputStream;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

/**
 * Stands in for the Lambda runtime in the cold-start benchmark: builds the handler the way
 * the runtime does (by reflection, no-argument constructor) and hands it stdin and stdout.
 * With no argument it only starts and stops the JVM: the floor every Java run pays.
 */
public final class Invoke {

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            return;
        }
        RequestStreamHandler handler = (RequestStreamHandler) Class.forName(args[0]).getDeclaredConstructor().newInstance();
        OutputStream out = new BufferedOutputStream(System.out);
        handler.handleRequest(System.in, out, null);
        out.flush();
    }
}
