package io.dbrefresh.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack in a container (Testcontainers), for the services its free edition has. Kept
 * apart from {@link Emulators} so that modules without Testcontainers on their test class
 * path never load it unless LocalStack is selected.
 */
final class LocalStackEmulator implements AutoCloseable {

    /** Overrides the image; the default is the last free community image line this harness was written for. */
    static final String IMAGE_PROPERTY = "dbrefresh.localstack.image";
    static final String IMAGE_ENV = "DBREFRESH_LOCALSTACK_IMAGE";
    static final String DEFAULT_IMAGE = "localstack/localstack:4.9";
    /** Newer LocalStack images refuse to start without an auth token; passed through when set. */
    static final String AUTH_TOKEN_ENV = "LOCALSTACK_AUTH_TOKEN";

    private final LocalStackContainer container;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalStackEmulator(LocalStackContainer container) {
        this.container = container;
    }

    static LocalStackEmulator start() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException(Emulator.ENV + "=localstack needs a Docker engine and none was found; "
                    + "unset it to use moto");
        }
        String image = Optional.ofNullable(System.getProperty(IMAGE_PROPERTY)).or(() -> Optional.ofNullable(System.getenv(IMAGE_ENV)))
                .orElse(DEFAULT_IMAGE);
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image)
                .asCompatibleSubstituteFor("localstack/localstack"))
                .withServices(Emulator.LOCALSTACK_SERVICES.toArray(String[]::new));
        String token = System.getenv(AUTH_TOKEN_ENV);
        if (token != null && !token.isBlank()) {
            container.withEnv(AUTH_TOKEN_ENV, token);
        }
        container.start();
        return new LocalStackEmulator(container);
    }

    URI endpoint() {
        return container.getEndpoint();
    }

    /** Forgets every resource; cheaper than a new container per test. */
    void reset() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint().resolve("/_localstack/state/reset"))
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException("LocalStack state reset answered " + r.statusCode() + ": " + r.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        container.stop();
    }
}
