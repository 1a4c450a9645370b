import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import io.dbrefresh.aws.AwsService;
import io.dbrefresh.steps.FunctionJar;
import io.dbrefresh.steps.StepFunction;
import io.dbrefresh.steps.StepRegistry;

/**
 * Prints, for the jar-size benchmark, each function of the step registry and the AWS services
 * its grants let it call, and the jar it deploys, one line each: {@code NAME SERVICE,SERVICE,... JAR}. What a jar with only
 * that function's SDK modules would hold is computed from it.
 */
public final class FunctionServices {

    public static void main(String[] args) {
        for (StepFunction f : StepRegistry.all()) {
            Set<AwsService> services = EnumSet.noneOf(AwsService.class);
            f.grants().stream().flatMap(c -> c.services().stream()).forEach(services::add);
            System.out.println(f.name() + " " + services.stream().map(Enum::name).collect(Collectors.joining(",")) + " "
                    + FunctionJar.of(f).fileName());
        }
    }
}
