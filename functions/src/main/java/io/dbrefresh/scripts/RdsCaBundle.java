package io.dbrefresh.scripts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate authorities of Amazon RDS and Aurora that database servers are verified
 * against, shipped in the functions' jar ({@code rds-ca-bundle.pem} beside this class; its
 * {@code rds-ca-bundle.md} says where it comes from and how to renew it). Nothing is
 * downloaded at run time.
 *
 * <p>The drivers read a file, not a class-path resource: the bundle is written once per
 * process into the temporary folder, as it is (PEM: MariaDB Connector/J, PostgreSQL) and as
 * a PKCS12 trust store (the JDK's own format, which the SQL Server and Oracle drivers read).
 * A file that went missing (a restored snapshot of the process, a cleaned temporary folder)
 * is written again.
 */
public final class RdsCaBundle {

    static final String RESOURCE = "rds-ca-bundle.pem";

    /**
     * PKCS12 wants a password; it protects nothing here, since the store holds public
     * certificates only.
     */
    public static final String TRUST_STORE_PASSWORD = "dbrefresh-rds-ca";
    public static final String TRUST_STORE_TYPE = "PKCS12";

    private static Path pem;
    private static final Map<Path, Path> TRUST_STORES = new HashMap<>();

    private RdsCaBundle() {
    }

    /** The shipped bundle as a PEM file. */
    public static synchronized Path pemFile() {
        if (pem == null || !Files.isRegularFile(pem)) {
            try (InputStream in = open()) {
                Path file = Files.createTempFile("dbrefresh-rds-ca-", ".pem");
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                file.toFile().deleteOnExit();
                pem = file;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the RDS CA bundle to the temporary folder", e);
            }
        }
        return pem;
    }

    /** The certificates of PEM file {@code bundle} as a PKCS12 trust store file ({@link #TRUST_STORE_PASSWORD}). */
    public static synchronized Path trustStoreFile(Path bundle) {
        Path store = TRUST_STORES.get(bundle);
        if (store == null || !Files.isRegularFile(store)) {
            try (InputStream in = Files.newInputStream(bundle)) {
                KeyStore ks = KeyStore.getInstance(TRUST_STORE_TYPE);
                ks.load(null, null);
                int i = 0;
                for (X509Certificate c : parse(in)) {
                    ks.setCertificateEntry("rds-ca-" + i++, c);
                }
                store = Files.createTempFile("dbrefresh-rds-ca-", ".p12");
                try (OutputStream out = Files.newOutputStream(store)) {
                    ks.store(out, TRUST_STORE_PASSWORD.toCharArray());
                }
                store.toFile().deleteOnExit();
                TRUST_STORES.put(bundle, store);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a trust store of " + bundle, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot make a trust store of " + bundle + ": " + e.getMessage(), e);
            }
        }
        return store;
    }

    /** The shipped certificates, in the bundle's order. */
    public static List<X509Certificate> certificates() {
        try (InputStream in = open()) {
            return parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the shipped RDS CA bundle does not parse: " + e.getMessage(), e);
        }
    }

    /**
     * The certificate authorities of one region's databases that are valid at {@code now}, as
     * PEM: the few an EC2 instance needs to verify the database (the whole bundle would not fit
     * in a Run Command).
     */
    public static String pemForRegion(String region, Instant now) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate c : certificates()) {
            String subject = c.getSubjectX500Principal().getName();
            if (subject.contains(" " + region + " ") && c.getNotAfter().toInstant().isAfter(now)
                    && !c.getNotBefore().toInstant().isAfter(now)) {
                try {
                    pem.append("-----BEGIN CERTIFICATE-----\n")
                            .append(Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(c.getEncoded()))
                            .append("\n-----END CERTIFICATE-----\n");
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("cannot encode " + subject, e);
                }
            }
        }
        return pem.toString();
    }

    private static InputStream open() throws IOException {
        InputStream in = RdsCaBundle.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException(RESOURCE + " is missing from the functions' jar");
        }
        return in;
    }

    private static List<X509Certificate> parse(InputStream in) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
            certificates.add((X509Certificate) c);
        }
        return certificates;
    }
}
